/**
 * Categories: an organization's tree of classifications for its business records (products,
 * documents, assets, cost centres), each category of one {@link io.orgbase.category.CategoryType}.
 */
package io.orgbase.category;
