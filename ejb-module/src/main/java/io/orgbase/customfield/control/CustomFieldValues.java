package io.orgbase.customfield.control;

import io.orgbase.customfield.CustomField;
import io.orgbase.json.Jsonp;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import jakarta.enterprise.context.Dependent;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A record's custom field values: a JSON object whose keys are the organization's definitions for
 * that kind of record. On create the client's object is the whole; on update it is merged in (a
 * key sent as null removes the value). Whenever the client sends values, the result is checked
 * against every definition: unknown keys, values of the wrong type, enum values not offered and
 * required fields without a value are each a 400 naming {@code customFields.<key>}.
 */
@Dependent
public class CustomFieldValues {

    /** Longest string value. */
    public static final int MAX_STRING = 1000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** The tenant's definitions for this kind of record, by position. */
    public List<CustomField> definitions(RecordKind kind) {
        return em.createNamedQuery("CustomField.ofEntity", CustomField.class)
                .setParameter("entity", kind.key())
                .getResultList();
    }

    /**
     * The values of a new record.
     *
     * @param given the client's object, or null when the client sent none (required fields still apply)
     * @throws InvalidInput naming each field that is wrong
     */
    public String create(RecordKind kind, String given) {
        return apply(definitions(kind), null, given == null ? "{}" : given);
    }

    /**
     * The values after a client's change: {@code given} merged into {@code current}; null clears
     * them all.
     *
     * @throws InvalidInput naming each field that is wrong
     */
    public String update(RecordKind kind, String current, String given) {
        return given == null ? apply(definitions(kind), null, "{}") : apply(definitions(kind), current, given);
    }

    /** The merged values, checked against these definitions. */
    public static String apply(List<CustomField> definitions, String current, String given) {
        JsonObject merged =
                merge(current == null ? null : Jsonp.object(current), given == null ? null : Jsonp.object(given));
        Map<String, CustomField> byKey =
                definitions.stream().collect(Collectors.toMap(CustomField::getKey, Function.identity()));
        List<FieldError> errors = new ArrayList<>();
        merged.forEach((key, value) -> {
            CustomField definition = byKey.get(key);
            if (definition == null) {
                errors.add(new FieldError(
                        "customFields." + key,
                        "is not a custom field of this kind of record (define it under /custom-fields first)"));
            } else {
                String problem = check(definition, value);
                if (problem != null) {
                    errors.add(new FieldError("customFields." + key, problem));
                }
            }
        });
        for (CustomField definition : definitions) {
            if (definition.isRequired() && !merged.containsKey(definition.getKey())) {
                errors.add(new FieldError("customFields." + definition.getKey(), "is required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return merged.toString();
    }

    /** RFC 7396 merge patch (JSON-P's): null removes a value, anything else sets it. */
    private static JsonObject merge(JsonObject current, JsonObject given) {
        JsonObject base = current == null ? JsonValue.EMPTY_JSON_OBJECT : current;
        return given == null
                ? base
                : Jsonp.PROVIDER.createMergePatch(given).apply(base).asJsonObject();
    }

    /** What is wrong with the value, or null. */
    static String check(CustomField definition, JsonValue value) {
        switch (definition.getType()) {
            case "string" -> {
                if (!(value instanceof JsonString text) || text.getString().length() > MAX_STRING) {
                    return "must be a string of at most " + MAX_STRING + " characters";
                }
            }
            case "number" -> {
                if (!(value instanceof JsonNumber)) {
                    return "must be a number";
                }
            }
            case "boolean" -> {
                if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                    return "must be true or false";
                }
            }
            case "date" -> {
                if (!(value instanceof JsonString text)) {
                    return "must be a date (2026-01-31)";
                }
                try {
                    LocalDate.parse(text.getString());
                } catch (DateTimeParseException e) {
                    return "must be a date (2026-01-31)";
                }
            }
            case "enum" -> {
                List<String> allowed = allowed(definition);
                if (!(value instanceof JsonString text) || !allowed.contains(text.getString())) {
                    return "must be one of: " + String.join(", ", allowed);
                }
            }
            default -> throw new IllegalStateException("unknown custom field type " + definition.getType());
        }
        return null;
    }

    static List<String> allowed(CustomField definition) {
        try (var reader = Jsonp.PROVIDER.createReader(new java.io.StringReader(definition.getEnumValues()))) {
            JsonArray values = reader.readArray();
            return values.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
    }
}
