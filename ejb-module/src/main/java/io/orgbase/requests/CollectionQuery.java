package io.orgbase.requests;

import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Condition;
import io.orgbase.collections.Sort;
import io.orgbase.json.Jsonp;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters every list understands: {@code limit}, {@code cursor}, {@code
 * sort=name,-createdAt}, {@code filter=<JSON>}, {@code q}, {@code count=true}; any other parameter is
 * a simple filter {@code field=value} (repeated: any of the values). Syntax is checked here; whether
 * fields and operators exist is the collection's business.
 */
public final class CollectionQuery {

    /** Longest JSON filter accepted. */
    public static final int MAX_FILTER_LENGTH = 4096;

    /** The longest search term: nobody searches for more, and each character costs the scan. */
    public static final int MAX_SEARCH_LENGTH = 100;

    private static final Set<String> RESERVED = Set.of("limit", "cursor", "sort", "filter", "q", "count");

    private CollectionQuery() {}

    /**
     * A URL's query string ({@code q=ann&sort=-name}) as names to their decoded values.
     *
     * @param field the request's field the text came in, named by the problem when it is malformed
     * @throws InvalidInput for a malformed % escape or a control character
     */
    public static Map<String, List<String>> decode(String field, String queryString) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isBlank()) {
            return query;
        }
        String text = queryString.startsWith("?") ? queryString.substring(1) : queryString;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (ControlCharacters.in(name) || ControlCharacters.in(value)) {
                    throw InvalidInput.field(field, "holds a control character");
                }
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw InvalidInput.field(field, "is not a query string (a malformed % escape)");
            }
        }
        return query;
    }

    /**
     * Reads the parameters of a list (as a URL's query string holds them, decoded).
     *
     * @throws InvalidInput for every malformed parameter
     */
    public static CollectionRequest parse(Map<String, List<String>> query) {
        List<FieldError> errors = new ArrayList<>();
        int limit = CollectionRequest.DEFAULT_LIMIT;
        try {
            limit = QueryInts.parse(
                    "limit", single(query, "limit"), CollectionRequest.DEFAULT_LIMIT, 1, CollectionRequest.MAX_LIMIT);
        } catch (InvalidInput bad) {
            errors.addAll(bad.errors());
        }
        List<Sort> sort = sort(single(query, "sort"), errors);
        Condition filter = filter(single(query, "filter"), errors);
        String count = single(query, "count");
        if (count != null && !count.equals("true") && !count.equals("false")) {
            errors.add(new FieldError("count", "must be true or false"));
        }
        Map<String, List<String>> simple = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!RESERVED.contains(name)) {
                simple.put(name, List.copyOf(values));
            }
        });
        for (String reserved : RESERVED) {
            if (query.containsKey(reserved) && query.get(reserved).size() > 1) {
                errors.add(new FieldError(reserved, "must be given once"));
            }
        }
        String q = single(query, "q");
        if (q != null && q.length() > MAX_SEARCH_LENGTH) {
            errors.add(new FieldError("q", "must be at most " + MAX_SEARCH_LENGTH + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String cursor = single(query, "cursor");
        return new CollectionRequest(
                limit,
                cursor == null || cursor.isEmpty() ? null : cursor,
                sort,
                filter,
                simple,
                q,
                "true".equals(count));
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static List<Sort> sort(String text, List<FieldError> errors) {
        List<Sort> keys = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return keys;
        }
        for (String part : text.split(",", -1)) {
            String key = part.strip();
            boolean descending = key.startsWith("-");
            String field = descending || key.startsWith("+") ? key.substring(1) : key;
            if (field.isEmpty() || keys.stream().anyMatch(k -> k.field().equals(field))) {
                errors.add(new FieldError(
                        "sort", "must be field names separated by commas, each once, '-' for descending"));
                return List.of();
            }
            keys.add(new Sort(field, descending));
        }
        if (keys.size() > 5) {
            errors.add(new FieldError("sort", "takes at most 5 fields"));
        }
        return keys;
    }

    private static Condition filter(String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_FILTER_LENGTH) {
            errors.add(new FieldError("filter", "must be at most " + MAX_FILTER_LENGTH + " characters"));
            return null;
        }
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            JsonValue json = reader.readValue();
            List<FieldError> hostile = new ArrayList<>();
            ControlCharacters.collect("", json, hostile);
            if (!hostile.isEmpty()) {
                errors.add(ControlCharacters.error("filter"));
                return null;
            }
            return condition(json, 1);
        } catch (JsonException e) {
            errors.add(new FieldError("filter", "is not valid JSON: " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("filter", e.getMessage()));
        }
        return null;
    }

    private static Condition condition(JsonValue json, int depth) {
        if (depth > 20) {
            throw new IllegalArgumentException("nests too deeply");
        }
        if (!(json instanceof JsonObject object)) {
            throw new IllegalArgumentException("each condition must be a JSON object");
        }
        if (object.size() == 1 && (object.containsKey("and") || object.containsKey("or"))) {
            String name = object.containsKey("and") ? "and" : "or";
            if (!(object.get(name) instanceof JsonArray array)) {
                throw new IllegalArgumentException("'" + name + "' takes an array of conditions");
            }
            List<Condition> parts = new ArrayList<>();
            for (JsonValue part : array) {
                parts.add(condition(part, depth + 1));
            }
            return name.equals("and") ? new Condition.All(parts) : new Condition.Any(parts);
        }
        if (object.size() == 1 && object.containsKey("not")) {
            return new Condition.Not(condition(object.get("not"), depth + 1));
        }
        Set<String> keys = object.keySet();
        if (!keys.contains("field")
                || !keys.contains("op")
                || !Set.of("field", "op", "value").containsAll(keys)) {
            throw new IllegalArgumentException(
                    "a condition is {\"and\": [...]}, {\"or\": [...]}, {\"not\": {...}} or {\"field\", \"op\", \"value\"}");
        }
        if (!(object.get("field") instanceof JsonString field) || !(object.get("op") instanceof JsonString op)) {
            throw new IllegalArgumentException("'field' and 'op' must be strings");
        }
        return new Condition.Test(field.getString(), op.getString(), value(object.get("value"), true));
    }

    private static Object value(JsonValue json, boolean listAllowed) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return switch (json.getValueType()) {
            case STRING -> ((JsonString) json).getString();
            case NUMBER -> ((JsonNumber) json).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case ARRAY -> {
                if (!listAllowed) {
                    throw new IllegalArgumentException("a list cannot hold lists or objects");
                }
                List<Object> items = new ArrayList<>();
                for (JsonValue item : json.asJsonArray()) {
                    items.add(value(item, false));
                }
                yield items;
            }
            default -> throw new IllegalArgumentException(
                    "a value is a string, number, boolean, null or a list of them");
        };
    }
}
