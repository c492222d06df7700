package io.orgbase.collections;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.List;

/**
 * A field a collection exposes to sorting, filtering or search, under its API name.
 *
 * @param path the JPA attribute path (dots into embedded or related entities)
 * @param sortable only for fields that are never null (keyset paging compares them)
 * @param related for a filter on related rows (a member's teams, a contact's tags): the condition
 *     that a row is related to any of the values; null for an attribute
 */
public record CollectionField(
        String name,
        String path,
        FieldType type,
        boolean sortable,
        boolean filterable,
        boolean searchable,
        Related related) {

    public CollectionField(
            String name, String path, FieldType type, boolean sortable, boolean filterable, boolean searchable) {
        this(name, path, type, sortable, filterable, searchable, null);
    }

    /** Rows related to any of the values, usually through a subquery. */
    @FunctionalInterface
    public interface Related {
        Predicate among(Where where, List<Object> values);
    }

    /**
     * Where a related filter is built: the query's builder, the query (for subqueries), its root,
     * and the transaction's EntityManager for a lookup that turns the values into constants.
     */
    public record Where(CriteriaBuilder cb, AbstractQuery<?> query, Root<?> root, EntityManager em) {}
}
