package io.orgbase.tenancy;

import io.orgbase.access.Caller;
import io.orgbase.access.Role;
import jakarta.interceptor.InvocationContext;
import java.util.UUID;

/**
 * The organization a boundary call runs in, resolved from the request and checked against the
 * caller's membership. {@code role} is null only for a platform administrator acting in an
 * organization they do not belong to.
 */
public record Tenant(UUID orgId, String slug, Caller caller, Role role) {

    /** The single Tenant argument of an intercepted boundary call. */
    public static Tenant of(InvocationContext invocation) {
        Tenant found = null;
        for (Object parameter : invocation.getParameters()) {
            if (parameter instanceof Tenant tenant) {
                if (found != null) {
                    throw new IllegalStateException("more than one Tenant argument: " + invocation.getMethod());
                }
                found = tenant;
            }
        }
        if (found == null) {
            throw new IllegalStateException(
                    "tenant-scoped method without a Tenant argument: " + invocation.getMethod());
        }
        return found;
    }
}
