package io.orgbase.tenancy;

import io.orgbase.access.Caller;
import io.orgbase.access.Permission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleGrant;
import io.orgbase.organization.OrganizationStatus;
import jakarta.interceptor.InvocationContext;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The organization a boundary call runs in, checked against the caller's membership.
 *
 * <p>A request names its organization by a reference (slug, id or {@code current}); the tenant is
 * resolved by the first {@link TenantScoped} boundary call, inside that call's transaction, so a
 * request needs one transaction rather than one to resolve and one to act. Resolution happens once:
 * later calls of the same request reuse the organization and grant it found. Only the caller and the
 * reference are known before; the other accessors refuse to answer until then.
 *
 * <p>{@code grant} is null only for a platform administrator acting in an organization they do not
 * belong to (who may do everything there).
 */
public final class Tenant {

    /** What resolving a reference found. */
    public record Resolution(UUID orgId, String slug, OrganizationStatus status, RoleGrant grant) {
        public Resolution {
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(slug, "slug");
            Objects.requireNonNull(status, "status");
        }
    }

    private final Caller caller;
    private final String reference;
    private Resolution resolution;

    private Tenant(Caller caller, String reference, Resolution resolution) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.reference = reference;
        this.resolution = resolution;
    }

    /** A tenant the first boundary call resolves from {@code reference} (slug, id or {@code current}). */
    public static Tenant of(Caller caller, String reference) {
        return new Tenant(caller, Objects.requireNonNull(reference, "reference"), null);
    }

    /** A tenant already resolved. */
    public static Tenant resolved(Caller caller, Resolution resolution) {
        return new Tenant(caller, resolution.slug(), Objects.requireNonNull(resolution, "resolution"));
    }

    public Caller caller() {
        return caller;
    }

    /** The organization as the request named it. */
    public String reference() {
        return reference;
    }

    public synchronized boolean isResolved() {
        return resolution != null;
    }

    /** Records what resolving the reference found; a tenant is resolved once. */
    public synchronized void resolve(Resolution found) {
        if (resolution != null) {
            throw new IllegalStateException("tenant already resolved as " + resolution.orgId());
        }
        resolution = Objects.requireNonNull(found, "resolution");
    }

    private synchronized Resolution resolution() {
        if (resolution == null) {
            throw new IllegalStateException(
                    "tenant '" + reference + "' not resolved yet: it is resolved by a @TenantScoped boundary call");
        }
        return resolution;
    }

    public UUID orgId() {
        return resolution().orgId();
    }

    public String slug() {
        return resolution().slug();
    }

    public RoleGrant grant() {
        return resolution().grant();
    }

    /** Where the organization is in its lifecycle (as of resolving it, in this request). */
    public OrganizationStatus status() {
        return resolution().status();
    }

    /** A platform administrator acting in an organization where they hold no active role. */
    public boolean isOutsideAdmin() {
        return grant() == null && caller.platformAdmin();
    }

    /** What the caller may do in this organization. */
    public Set<Permission> permissions() {
        RoleGrant grant = grant();
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
        RoleGrant grant = grant();
        return isOutsideAdmin() || (grant != null && grant.role().is(Role.OWNER));
    }

    /** The key of the caller's role here; null for a platform administrator who is not a member. */
    public String roleKey() {
        RoleGrant grant = grant();
        return grant == null ? null : grant.role().key();
    }

    @Override
    public String toString() {
        Resolution known = resolution;
        return "Tenant[" + (known == null ? reference + " (unresolved)" : known.slug() + " " + known.orgId()) + "]";
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
