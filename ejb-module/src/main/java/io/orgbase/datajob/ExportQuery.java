package io.orgbase.datajob;

import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Condition;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.CollectionQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows an export holds, given as the collection's list takes them in its query string ({@code
 * q}, {@code sort}, {@code filter}, simple filters), read as pages of {@value #PAGE}.
 */
public final class ExportQuery {

    /** Rows read per page. */
    public static final int PAGE = CollectionRequest.MAX_LIMIT;

    private ExportQuery() {}

    /**
     * @throws InvalidInput naming {@code query.<parameter>} for each malformed one; {@code limit} and
     *     {@code cursor} are refused (an export holds every matching row)
     */
    public static CollectionRequest parse(String queryString) {
        Map<String, List<String>> parameters = CollectionQuery.decode("query", queryString);
        List<FieldError> errors = new ArrayList<>();
        for (String paging : List.of("limit", "cursor", "count")) {
            if (parameters.containsKey(paging)) {
                errors.add(new FieldError("query." + paging, "does not apply: an export holds every matching row"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        try {
            CollectionRequest request = CollectionQuery.parse(parameters);
            return new CollectionRequest(
                    PAGE, null, request.sort(), request.filter(), request.simpleFilters(), request.query(), false);
        } catch (InvalidInput bad) {
            throw within(bad);
        }
    }

    /** The same problems, named as fields of the export's {@code query}. */
    public static InvalidInput within(InvalidInput bad) {
        return new InvalidInput(bad.errors().stream()
                .map(e -> new FieldError(e.name().startsWith("query") ? e.name() : "query." + e.name(), e.reason()))
                .toList());
    }

    /** The first row only, to try the query (and count its rows when asked). */
    public static CollectionRequest first(CollectionRequest request, boolean count) {
        return new CollectionRequest(
                1, null, request.sort(), request.filter(), request.simpleFilters(), request.query(), count);
    }

    /** The page after {@code cursor} (null: the first). */
    public static CollectionRequest page(CollectionRequest request, String cursor) {
        return new CollectionRequest(
                PAGE, cursor, request.sort(), request.filter(), request.simpleFilters(), request.query(), false);
    }

    /** The rows chosen, in words, for a report's reader: "all", or the search, filters and order. */
    public static String words(CollectionRequest request) {
        List<String> parts = new ArrayList<>();
        if (request.query() != null && !request.query().isBlank()) {
            parts.add("matching \"" + request.query() + "\"");
        }
        request.simpleFilters().forEach((field, values) -> parts.add(field + " = " + String.join(" or ", values)));
        if (request.filter() != null) {
            parts.add(words(request.filter()));
        }
        String chosen = parts.isEmpty() ? "all" : String.join("; ", parts);
        if (!request.sort().isEmpty()) {
            chosen += ", sorted by "
                    + request.sort().stream()
                            .map(s -> s.field() + (s.descending() ? " (descending)" : ""))
                            .collect(Collectors.joining(", "));
        }
        return chosen;
    }

    private static String words(Condition condition) {
        if (condition instanceof Condition.All all) {
            return all.conditions().stream().map(ExportQuery::nested).collect(Collectors.joining(" and "));
        }
        if (condition instanceof Condition.Any any) {
            return any.conditions().stream().map(ExportQuery::nested).collect(Collectors.joining(" or "));
        }
        if (condition instanceof Condition.Not not) {
            return "not " + nested(not.condition());
        }
        Condition.Test test = (Condition.Test) condition;
        return test.field() + " " + test.op() + " " + value(test.value());
    }

    private static String nested(Condition condition) {
        return condition instanceof Condition.Test ? words(condition) : "(" + words(condition) + ")";
    }

    private static String value(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ExportQuery::value).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
