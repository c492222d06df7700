package io.orgbase.requests;

import io.orgbase.api.RequestBudget;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters every list endpoint understands: {@code limit}, {@code cursor}, {@code
 * sort=name,-createdAt}, {@code filter=<JSON>}, {@code q}, {@code count=true}; any other parameter is
 * a simple filter {@code field=value} (repeated: any of the values). Syntax is checked here; whether
 * fields and operators exist is the collection's business.
 */
public final class CollectionParams {

    /** Longest JSON filter accepted. */
    public static final int MAX_FILTER_LENGTH = 4096;

    /** The longest search term: nobody searches for more, and each character costs the scan. */
    public static final int MAX_SEARCH_LENGTH = 100;

    /**
     * What a search ({@code q}) or a count ({@code count=true}) costs of the caller's budget beyond
     * the request itself: each may read every row of the collection rather than one index range.
     */
    public static final int SEARCH_COST = 4;

    public static final int COUNT_COST = 4;

    private static final Set<String> RESERVED = Set.of("limit", "cursor", "sort", "filter", "q", "count");

    private CollectionParams() {}

    /** @throws InvalidInput for every malformed parameter */
    public static CollectionRequest from(UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
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
        int extra = (q == null || q.isBlank() ? 0 : SEARCH_COST) + ("true".equals(count) ? COUNT_COST : 0);
        if (extra > 0) {
            RequestBudget.current().chargeExpensive(extra);
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

    private static String single(MultivaluedMap<String, String> query, String name) {
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
