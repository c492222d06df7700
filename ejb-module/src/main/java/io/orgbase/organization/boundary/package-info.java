/**
 * Organizations and their memberships: creating an organization (its creator becomes owner),
 * resolving {@code {org}} to a tenant the caller may act in, and managing who belongs with which role.
 */
package io.orgbase.organization.boundary;
