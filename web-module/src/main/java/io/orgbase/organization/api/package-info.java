/**
 * REST endpoints of organizations: the collection, one organization (the tenant of everything under
 * it) and its members. {@code {org}} is resolved, and the caller's membership checked, once in
 * the locator, so every sub-resource runs in an organization the caller may act in.
 */
package io.orgbase.organization.api;
