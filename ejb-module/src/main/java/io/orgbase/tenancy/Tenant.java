package io.orgbase.tenancy;

import io.orgbase.access.Caller;
import io.orgbase.access.Permission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleGrant;
import jakarta.interceptor.InvocationContext;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The organization a boundary call runs in, resolved from the request and checked against the
 * caller's membership. {@code grant} is null only for a platform administrator acting in an
 * organization they do not belong to (who may do everything there).
 */
public record Tenant(UUID orgId, String slug, Caller caller, RoleGrant grant) {

    /** A platform administrator acting in an organization where they hold no active role. */
    public boolean isOutsideAdmin() {
        return grant == null && caller.platformAdmin();
    }

    /** What the caller may do in this organization. */
    public Set<Permission> permissions() {
        if (grant != null) {
            return grant.permissions();
        }
        return isOutsideAdmin() ? EnumSet.allOf(Permission.class) : EnumSet.noneOf(Permission.class);
    }

    public boolean permits(Permission permission) {
        return permissions().contains(permission);
    }

    /** An owner of the organization, or a platform administrator acting in it. */
    public boolean actsAsOwner() {
        return isOutsideAdmin() || (grant != null && grant.role().is(Role.OWNER));
    }

    /** The key of the caller's role here; null for a platform administrator who is not a member. */
    public String roleKey() {
        return grant == null ? null : grant.role().key();
    }

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
