package io.orgbase.requests;

import io.orgbase.json.Jsonp;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.PayloadTooLarge;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body into typed fields, collecting every problem (malformed JSON, a field
 * of the wrong type, a missing or unknown field) so the caller hears about all of them at once.
 * Bodies over {@link #MAX_BYTES} are refused without being read further.
 */
public final class JsonBody {

    /** Largest request body accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    /** How a field may appear in a request. */
    public enum Need {
        /** present and not null */
        REQUIRED,
        /** may be absent; not null when present */
        OPTIONAL,
        /** may be absent or null (null clears it) */
        NULLABLE
    }

    /** Largest free-form JSON object (metadata) accepted in one field, serialized. */
    public static final int MAX_DOCUMENT_BYTES = 16 * 1024;

    /** Deepest nesting accepted in a free-form JSON object. */
    public static final int MAX_DOCUMENT_DEPTH = 8;

    private final JsonObject json;
    private final String prefix;
    private final List<FieldError> errors;
    private final List<JsonBody> nested = new ArrayList<>();
    private final Set<String> known = new HashSet<>();

    private JsonBody(JsonObject json) {
        this(json, "", new ArrayList<>());
    }

    private JsonBody(JsonObject json, String prefix, List<FieldError> errors) {
        this.json = json;
        this.prefix = prefix;
        this.errors = errors;
    }

    /**
     * @throws InvalidInput when the body is empty, not JSON, or not a JSON object
     * @throws PayloadTooLarge when the body exceeds {@link #MAX_BYTES}
     */
    public static JsonBody read(InputStream body) {
        byte[] bytes = readLimited(body);
        if (bytes.length == 0) {
            throw new InvalidInput("The request body is empty; a JSON object is expected.", List.of());
        }
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidInput("The request body must be a JSON object.", List.of());
            }
            List<FieldError> hostile = new ArrayList<>();
            ControlCharacters.collect("", value, hostile);
            if (!hostile.isEmpty()) {
                throw new InvalidInput(hostile);
            }
            return new JsonBody(value.asJsonObject());
        } catch (JsonException e) {
            throw new InvalidInput("The request body is not valid JSON: " + e.getMessage(), List.of());
        }
    }

    /** Like {@link #read}, but an empty body is an empty object (for bodies whose fields are all optional). */
    public static JsonBody readOptional(InputStream body) {
        byte[] bytes = readLimited(body);
        if (bytes.length == 0) {
            return new JsonBody(JsonValue.EMPTY_JSON_OBJECT);
        }
        return read(new ByteArrayInputStream(bytes));
    }

    private static byte[] readLimited(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new PayloadTooLarge(MAX_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string field; required and optional strings must not be blank. */
    public String string(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            return error(name, "must be a string");
        }
        if (need != Need.NULLABLE && string.getString().isBlank()) {
            return error(name, "must not be blank");
        }
        return string.getString();
    }

    /** A boolean field. */
    public Boolean bool(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE) {
            return Boolean.TRUE;
        }
        if (value.getValueType() == JsonValue.ValueType.FALSE) {
            return Boolean.FALSE;
        }
        return error(name, "must be true or false");
    }

    /** A whole number field (range checks are Bean Validation's). */
    public Integer integer(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            return error(name, "must be a whole number");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException tooLarge) {
            return error(name, "is too large");
        }
    }

    /** A UUID field, as a string. */
    public UUID uuid(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            return error(name, "must be a string holding an id");
        }
        try {
            return UUID.fromString(string.getString());
        } catch (IllegalArgumentException e) {
            return error(name, "must be an id (UUID)");
        }
    }

    /** An array of strings (no nulls, no blanks); at most {@code max} of them. */
    public List<String> strings(String name, Need need, int max) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            return error(name, "must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (!(item instanceof JsonString string) || string.getString().isBlank()) {
                return error(name, "must be an array of strings");
            }
            result.add(string.getString());
        }
        if (result.size() > max) {
            return error(name, "must have at most " + max + " entries");
        }
        return result;
    }

    /** A calendar date, ISO 8601 ({@code 2026-01-31}). */
    public LocalDate date(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString string) {
            try {
                return LocalDate.parse(string.getString());
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        return error(name, "must be a date such as 2026-01-31");
    }

    /** A date-time with an offset ({@code 2030-01-31T00:00:00Z}). */
    public OffsetDateTime dateTime(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString string) {
            try {
                return OffsetDateTime.parse(string.getString());
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        return error(name, "must be an ISO-8601 date-time with offset, e.g. 2030-01-31T00:00:00Z");
    }

    /** A decimal number (range and precision checks are Bean Validation's). */
    public BigDecimal decimal(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            return error(name, "must be a number");
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.precision() > 30 || Math.abs(decimal.scale()) > 30) {
            return error(name, "has too many digits");
        }
        return decimal;
    }

    /**
     * A nested object read field by field like the body itself; its errors are named {@code
     * name.field}, and its unknown fields are reported when the body is finished.
     */
    public JsonBody object(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return error(name, "must be an object");
        }
        JsonBody child = new JsonBody(value.asJsonObject(), prefix + name + ".", errors);
        nested.add(child);
        return child;
    }

    /**
     * An array of objects, each read like {@link #object}; their errors are named {@code
     * name[i].field}. At most {@code max} of them.
     */
    public List<JsonBody> objects(String name, Need need, int max) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            return error(name, "must be an array of objects");
        }
        if (value.asJsonArray().size() > max) {
            return error(name, "must have at most " + max + " entries");
        }
        List<JsonBody> items = new ArrayList<>();
        int index = 0;
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                return error(name, "must be an array of objects");
            }
            JsonBody child = new JsonBody(item.asJsonObject(), prefix + name + "[" + index++ + "].", errors);
            nested.add(child);
            items.add(child);
        }
        return items;
    }

    /**
     * A free-form JSON object (metadata), returned as its compact text; at most {@link
     * #MAX_DOCUMENT_BYTES} serialized and {@link #MAX_DOCUMENT_DEPTH} levels deep.
     */
    public String document(String name, Need need) {
        JsonValue value = value(name, need);
        if (value == null) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return error(name, "must be a JSON object");
        }
        if (depth(value) > MAX_DOCUMENT_DEPTH) {
            return error(name, "must not nest deeper than " + MAX_DOCUMENT_DEPTH + " levels");
        }
        String text = value.toString();
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            return error(name, "must be at most " + MAX_DOCUMENT_BYTES + " bytes as JSON");
        }
        return text;
    }

    private static int depth(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> 1
                    + value.asJsonObject().values().stream()
                            .mapToInt(JsonBody::depth)
                            .max()
                            .orElse(0);
            case ARRAY -> 1
                    + value.asJsonArray().stream()
                            .mapToInt(JsonBody::depth)
                            .max()
                            .orElse(0);
            default -> 0;
        };
    }

    /** One of an enum's constants, spelled in lowercase. */
    public <E extends Enum<E>> E oneOf(String name, Class<E> type, Need need) {
        String text = string(name, need);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return error(name, "must be one of: " + allowed);
    }

    /** A field as it came, of any JSON type (null when absent); its checks are the caller's. */
    public JsonValue raw(String name) {
        known.add(name);
        return json.get(name);
    }

    /** The whole body as it came, for documents whose keys the boundary checks (settings). */
    public JsonObject whole() {
        known.addAll(json.keySet());
        return json;
    }

    /** The fields the reader asked for so far, whether the request carried them or not. */
    public Set<String> asked() {
        return Set.copyOf(known);
    }

    /** The fields the request carried (also those sent as null), in request order. */
    public Set<String> present() {
        return new LinkedHashSet<>(json.keySet());
    }

    /**
     * Ends reading: every field the resource did not ask for is an error.
     *
     * @throws InvalidInput listing every invalid, missing or unknown field
     */
    public JsonBody finish() {
        reportUnknown();
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return this;
    }

    private void reportUnknown() {
        for (String name : json.keySet()) {
            if (!known.contains(name)) {
                errors.add(new FieldError(prefix + name, "is not a known field"));
            }
        }
        nested.forEach(JsonBody::reportUnknown);
    }

    private JsonValue value(String name, Need need) {
        known.add(name);
        JsonValue value = json.get(name);
        if (value == null) {
            if (need == Need.REQUIRED) {
                error(name, "is required");
            }
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (need != Need.NULLABLE) {
                error(name, "must not be null");
            }
            return null;
        }
        return value;
    }

    private <T> T error(String name, String reason) {
        errors.add(new FieldError(prefix + name, reason));
        return null;
    }
}
