package io.orgbase.collections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a collection lets clients sort, filter and search on, and its default order. Declared once
 * per resource, next to its boundary.
 */
public final class CollectionSpec<E> {

    private final Class<E> entity;
    private final Map<String, CollectionField> fields;
    private final List<Sort> defaultSort;
    private final String idPath;
    private final FieldType idType;
    private final String searchIndex;
    private final String searchOrder;

    private CollectionSpec(
            Class<E> entity,
            Map<String, CollectionField> fields,
            List<Sort> defaultSort,
            String idPath,
            FieldType idType,
            String searchIndex,
            String searchOrder) {
        this.entity = entity;
        this.fields = Map.copyOf(fields);
        this.defaultSort = List.copyOf(defaultSort);
        this.idPath = idPath;
        this.idType = idType;
        this.searchIndex = searchIndex;
        this.searchOrder = searchOrder;
    }

    public static <E> Builder<E> of(Class<E> entity) {
        return new Builder<>(entity);
    }

    public Class<E> entity() {
        return entity;
    }

    public CollectionField field(String name) {
        return fields.get(name);
    }

    public Map<String, CollectionField> fields() {
        return fields;
    }

    public List<Sort> defaultSort() {
        return defaultSort;
    }

    /** The attribute that names a row uniquely and breaks every tie of an order ({@code id}). */
    public String idPath() {
        return idPath;
    }

    public FieldType idType() {
        return idType;
    }

    /**
     * The kind of row in the search index ({@code search_text}, V50) that holds this collection's
     * searchable text, or null when {@code q} is matched on the table itself.
     */
    public String searchIndex() {
        return searchIndex;
    }

    /**
     * The string field whose values the search index keeps as its rows' order (V51), or null: a
     * search in that order, ascending, with no other condition, is read a page at a time from the
     * index alone.
     */
    public String searchOrder() {
        return searchOrder;
    }

    /** Declares a collection's fields. */
    public static final class Builder<E> {

        private final Class<E> entity;
        private final Map<String, CollectionField> fields = new LinkedHashMap<>();
        private final List<Sort> defaultSort = new ArrayList<>();
        private String idPath = "id";
        private FieldType idType = FieldType.UUID;
        private String searchIndex;
        private String searchOrder;

        private Builder(Class<E> entity) {
            this.entity = entity;
        }

        /** A field that can be sorted on, filtered and (for strings) searched. Never null. */
        public Builder<E> sortable(String name, String path, FieldType type, boolean searchable) {
            return add(new CollectionField(name, path, type, true, true, searchable));
        }

        /** A field that can be filtered on (and searched, for strings), but not sorted. */
        public Builder<E> filterable(String name, String path, FieldType type, boolean searchable) {
            return add(new CollectionField(name, path, type, false, true, searchable));
        }

        /**
         * A filter on related rows ({@code eq}, {@code neq}, {@code in}, {@code notin}): whether the
         * row is related to any of the given values.
         */
        public Builder<E> related(String name, FieldType type, CollectionField.Related related) {
            return add(new CollectionField(name, name, type, false, true, false, related));
        }

        /** For rows named otherwise than by a UUID {@code id}: the attribute and its type. */
        public Builder<E> identifiedBy(String path, FieldType type) {
            this.idPath = path;
            this.idType = type;
            return this;
        }

        /**
         * {@code q} is answered from the search index's rows of this kind (their text is the
         * searchable fields', kept in step by the database's triggers), for a collection large enough
         * to need it. The fields stay declared searchable: short and common terms still match them.
         * The index also keeps each row's value of {@code orderedBy}, a sortable string field (the
         * database's triggers say which), so that a search in that order is a page of the index.
         */
        public Builder<E> searchIndex(String kind, String orderedBy) {
            this.searchIndex = kind;
            this.searchOrder = orderedBy;
            return this;
        }

        /** The order when the client asks for none; the id always breaks ties. */
        public Builder<E> defaultSort(String field, boolean descending) {
            defaultSort.add(new Sort(field, descending));
            return this;
        }

        private Builder<E> add(CollectionField field) {
            fields.put(field.name(), field);
            return this;
        }

        public CollectionSpec<E> build() {
            for (Sort sort : defaultSort) {
                if (fields.get(sort.field()) == null
                        || !fields.get(sort.field()).sortable()) {
                    throw new IllegalStateException("default sort on an undeclared field " + sort.field());
                }
            }
            if (searchIndex != null && (!"id".equals(idPath) || idType != FieldType.UUID)) {
                throw new IllegalStateException("a search index finds rows by their UUID id");
            }
            if (searchIndex != null
                    && (fields.get(searchOrder) == null
                            || !fields.get(searchOrder).sortable()
                            || fields.get(searchOrder).type() != FieldType.STRING)) {
                throw new IllegalStateException("a search index orders by a sortable string field, not " + searchOrder);
            }
            return new CollectionSpec<>(entity, fields, defaultSort, idPath, idType, searchIndex, searchOrder);
        }
    }
}
