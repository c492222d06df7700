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
}
