package io.orgbase.datajob;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.function.BinaryOperator;

/** A staged row's fields: the mapped cells as a JSON object (blank cells as null), and reading them back. */
public final class StagedFields {

    private StagedFields() {}

    /**
     * The cells as staged: blank ones as null, the others as {@code value} spells them (field, cell →
     * text to stage).
     */
    public static JsonObject of(Map<String, String> cells, BinaryOperator<String> value) {
        JsonObjectBuilder fields = Json.createObjectBuilder();
        cells.forEach((field, cell) -> {
            if (cell == null) {
                fields.addNull(field);
            } else {
                fields.add(field, value.apply(field, cell));
            }
        });
        return fields.build();
    }

    /** A field's text, or null when the row lacks the field or left it blank. */
    public static String text(JsonObject fields, String field) {
        return fields.containsKey(field) && !fields.isNull(field) ? fields.getString(field) : null;
    }
}
