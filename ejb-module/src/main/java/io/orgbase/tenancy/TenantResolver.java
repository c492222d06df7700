package io.orgbase.tenancy;

/**
 * Finds the organization a {@link Tenant} names and the caller's standing in it, in the current
 * transaction: 404 when it does not exist or the caller may not act in it, 403 when their
 * membership is suspended. On return the transaction runs as that tenant.
 */
public interface TenantResolver {

    Tenant.Resolution resolve(Tenant tenant);
}
