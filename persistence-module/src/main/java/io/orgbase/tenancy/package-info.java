/**
 * Tenant isolation. Every tenant-owned entity extends {@link io.orgbase.tenancy.TenantOwnedEntity},
 * which makes EclipseLink add the {@code org_id} discriminator to every SELECT, INSERT, UPDATE and
 * DELETE. PostgreSQL row-level security on the same column is the second, independent line of
 * defence (see the migrations).
 */
package io.orgbase.tenancy;
