/**
 * The one way every list endpoint pages, sorts, filters and searches: a resource declares its
 * fields once ({@link CollectionSpec}); {@link CollectionQueries} turns a {@link CollectionRequest}
 * into a JPA Criteria query with keyset paging. Nothing a client sends is ever concatenated into
 * a query.
 */
package io.orgbase.collections;
