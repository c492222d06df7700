package io.orgbase.collections;

import java.util.List;
import java.util.Map;

/**
 * What a client asked of a collection.
 *
 * @param sort empty for the collection's default order
 * @param filter the JSON filter, or null
 * @param simpleFilters {@code ?field=value} parameters (several values: any of them)
 * @param query the search text ({@code q}), or null
 * @param count whether to count all matching rows
 */
public record CollectionRequest(
        int limit,
        String cursor,
        List<Sort> sort,
        Condition filter,
        Map<String, List<String>> simpleFilters,
        String query,
        boolean count) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** The first page in the default order, nothing filtered. */
    public static CollectionRequest firstPage(int limit) {
        return new CollectionRequest(limit, null, List.of(), null, Map.of(), null, false);
    }

    /** Whether the client filters on {@code field}, by a simple filter or anywhere in the JSON filter. */
    public boolean mentions(String field) {
        return simpleFilters.containsKey(field) || mentions(filter, field);
    }

    private static boolean mentions(Condition condition, String field) {
        if (condition instanceof Condition.Test test) {
            return test.field().equals(field);
        }
        if (condition instanceof Condition.All all) {
            return all.conditions().stream().anyMatch(c -> mentions(c, field));
        }
        if (condition instanceof Condition.Any any) {
            return any.conditions().stream().anyMatch(c -> mentions(c, field));
        }
        if (condition instanceof Condition.Not not) {
            return mentions(not.condition(), field);
        }
        return false;
    }
}
