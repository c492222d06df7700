package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.tenancy.Tenant;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How a collection is exported, declared once per collection: the columns an export may hold (by
 * their API names, the natural key first, so that an export with the default columns imports back)
 * and how one page of rows is read through the collection's own boundary, whose permission check,
 * tenancy, filters, sort and search apply exactly as to its list endpoint.
 */
public interface ExportSpec {

    /** The collection's name in the API ({@code departments}). */
    String collection();

    /** Who may export it: whoever may list it. */
    Permission readPermission();

    /** Every column an export may hold, in their default order. */
    List<String> exportFields();

    /**
     * Columns that show what the collection's own read permission does not (a person's email
     * beside a department): each needs this permission too; without it a default export leaves it
     * out, and naming it is refused.
     */
    default Map<String, Permission> fieldPermissions() {
        return Map.of();
    }

    /**
     * One page of the collection as the caller's list would give it, each record as its columns'
     * values (strings, numbers, booleans, timestamps; null for none).
     *
     * @param connection the transaction's connection, for looking up what a page refers to at once
     */
    Rows page(Tenant tenant, Connection connection, CollectionRequest request) throws SQLException;

    /** A page of rows, the cursor of the next page (null at the end) and the count when asked. */
    record Rows(List<Map<String, Object>> rows, String nextCursor, Long total) {}
}
