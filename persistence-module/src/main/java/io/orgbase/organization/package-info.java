/**
 * Organizations, the tenants of Orgbase, and memberships: which user belongs to which organization
 * with which role. Organizations and memberships are platform-level rows (a user sees the
 * memberships of every organization they belong to); everything an organization owns is tenant data.
 */
package io.orgbase.organization;
