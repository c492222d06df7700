package io.orgbase.datajob;

import io.orgbase.customfield.CustomField;
import io.orgbase.customfield.control.CustomFieldValues;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record's custom field values from an import's {@code customFields} cell: a JSON object, as an
 * export writes it, merged into the record's values as a PATCH does (a key set to null removes a
 * value), then checked against every definition of the record's kind, as the API checks them. A
 * record created without the cell still needs its required fields.
 */
public final class ImportedCustomFields {

    public static final String FIELD = "customFields";

    private final List<CustomField> definitions;

    public ImportedCustomFields(List<CustomField> definitions) {
        this.definitions = definitions;
    }

    /** At staging: the cell, when there is one, must be a JSON object. */
    public static void check(Map<String, String> cells, List<RowProblem> problems) {
        String cell = cells.get(FIELD);
        if (cell == null) {
            return;
        }
        try {
            Jsonp.object(cell);
        } catch (JsonException | IllegalStateException e) {
            problems.add(new RowProblem(FIELD, "must be a JSON object of values by field key ({\"region\": \"EU\"})"));
        }
    }

    /**
     * The values the record will have, or {@code current} when the row leaves them as they are; when
     * they are wrong, the problems are added and {@code current} is returned.
     *
     * @param current the record's values (null for a record the row creates)
     */
    public String values(JsonObject fields, String current, List<RowProblem> problems) {
        boolean creating = current == null;
        if (!creating && (!fields.containsKey(FIELD) || fields.isNull(FIELD))) {
            return current; // a blank cell merges nothing: the values stay as they are, unjudged
        }
        String given = fields.containsKey(FIELD) && !fields.isNull(FIELD) ? fields.getString(FIELD) : "{}";
        try {
            return CustomFieldValues.apply(definitions, current, given);
        } catch (InvalidInput wrong) {
            for (FieldError error : wrong.errors()) {
                problems.add(new RowProblem(error.name(), error.reason()));
            }
            return current;
        }
    }

    /** Whether two stored values differ (as JSON, not as text). */
    public static boolean differ(String values, String current) {
        return !Objects.equals(Jsonp.object(values), Jsonp.object(current));
    }

    /** Whether merging {@code given} (a JSON object as text, or null) into {@code current} changes them. */
    public static boolean changes(String current, String given) {
        if (given == null) {
            return false;
        }
        JsonObject before = Jsonp.object(current);
        return !before.equals(
                Jsonp.PROVIDER.createMergePatch(Jsonp.object(given)).apply(before));
    }
}
