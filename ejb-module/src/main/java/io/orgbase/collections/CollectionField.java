package io.orgbase.collections;

/**
 * A field a collection exposes to sorting, filtering or search, under its API name.
 *
 * @param path the JPA attribute path (dots into embedded or related entities)
 * @param sortable only for fields that are never null (keyset paging compares them)
 */
public record CollectionField(
        String name, String path, FieldType type, boolean sortable, boolean filterable, boolean searchable) {}
