package io.orgbase.tenancy;

import io.orgbase.access.Caller;
import io.orgbase.access.Lifecycle;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.RoleGrant;
import io.orgbase.access.control.RoleResolver;
import io.orgbase.identity.User;
import io.orgbase.organization.Membership;
import io.orgbase.organization.Organization;
import io.orgbase.organization.control.OrganizationTree;
import io.orgbase.organization.control.Slugs;
import io.orgbase.organization.control.TenantMembers;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.NotFound;
import io.orgbase.problems.Unauthenticated;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Resolves a request's organization reference against the caller's membership. An API key acts in
 * its own organization only; a user in organizations where they hold an active membership; a
 * platform administrator anywhere. Everything else is 404, exactly like an organization that does
 * not exist.
 *
 * <p>Round trips: the organization by slug or id, one {@code set_config} entering the tenant and
 * the user, the membership (its row policy admits the tenant's rows), and a custom role if one is
 * held. The tenant is entered before the membership is checked so that the boundary call that
 * follows needs no second {@code set_config}; a refusal throws before anything else runs, and the
 * transaction rolls back.
 */
@Dependent
public class TenantResolution {

    /** In place of {@code {org}}: the organization of the request's subdomain, else the default one. */
    public static final String CURRENT = "current";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    TenantMembers members;

    @Inject
    DatabaseSession session;

    @Inject
    RoleResolver roles;

    /**
     * Finds the organization {@code tenant} names and the caller's standing in it, in the current
     * transaction, which afterwards runs as that tenant.
     *
     * @throws NotFound when it does not exist or the caller may not act in it
     * @throws Forbidden when the caller's membership is suspended
     */
    public Tenant.Resolution resolve(Tenant tenant) {
        Caller caller = tenant.caller();
        String reference = tenant.reference();
        Organization organization = CURRENT.equals(reference) ? current(caller) : find(reference);
        if (organization == null) {
            throw notFound();
        }
        UUID orgId = organization.getId();
        if (caller.isApiKey()) {
            if (!caller.apiKey().orgId().equals(orgId)) {
                throw notFound();
            }
            Lifecycle.admitApiKey(organization.getStatus());
            session.enterTenant(orgId, caller.userId());
            return new Tenant.Resolution(
                    orgId,
                    organization.getSlug(),
                    organization.getStatus(),
                    grant(orgId, caller, caller.apiKey().role()));
        }
        session.enterTenant(orgId, caller.userId());
        Membership membership = members.in(orgId, caller.userId()).orElse(null);
        if (membership == null && organization.getParentId() != null) {
            membership = inherited(organization, caller.userId());
        }
        if (caller.platformAdmin() && (membership == null || !membership.isActive())) {
            return new Tenant.Resolution(orgId, organization.getSlug(), organization.getStatus(), null);
        }
        if (membership == null) {
            throw notFound();
        }
        Standing.require(organization, membership, caller);
        if (membership.getOrgId().equals(orgId)) {
            markActive(membership);
        }
        return new Tenant.Resolution(
                orgId, organization.getSlug(), organization.getStatus(), grant(orgId, caller, membership.getRole()));
    }

    /**
     * The caller's inherited membership in the nearest organization above this one that has one:
     * its role holds here too. Looked for only when the caller is no member here (so it costs the
     * members nothing); the caller's own memberships are readable in any tenant's context.
     */
    private Membership inherited(Organization organization, UUID userId) {
        List<UUID> above = new ArrayList<>();
        Organization current = organization;
        while (current.getParentId() != null && above.size() < OrganizationTree.MAX_DEPTH) {
            above.add(current.getParentId());
            current = em.find(Organization.class, current.getParentId());
            if (current == null) {
                break;
            }
        }
        List<Membership> found = em.createNamedQuery("Membership.inheritedOf", Membership.class)
                .setParameter("userId", userId)
                .setParameter("orgIds", above)
                .getResultList();
        return found.stream()
                .min(Comparator.comparingInt(m -> above.indexOf(m.getOrgId())))
                .orElse(null);
    }

    /**
     * Records that the member acted in the organization today (for analytics): one more statement
     * on the first request of a member's day, none on the others. Not a change of the membership
     * (its version and ETag stay).
     */
    private void markActive(Membership membership) {
        OffsetDateTime last = membership.getLastActiveAt();
        if (last == null || last.isBefore(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS))) {
            em.createNativeQuery("update membership set last_active_at = now() where org_id = ?1 and user_id = ?2")
                    .setParameter(1, membership.getOrgId())
                    .setParameter(2, membership.getUserId())
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
        }
    }

    /** A custom role is a row of the organization, readable now that the tenant is entered. */
    private RoleGrant grant(UUID orgId, Caller caller, RoleAssignment role) {
        RoleGrant grant = roles.grant(role);
        if (grant == null) {
            // A membership holds its role by a restricting foreign key; only a key can lose its role.
            if (caller.isApiKey()) {
                throw new Unauthenticated("The API key is not valid.");
            }
            throw new IllegalStateException("membership with a deleted role in " + orgId);
        }
        return grant;
    }

    /** The default organization of the caller (an API key: its own organization). */
    private Organization current(Caller caller) {
        UUID id = caller.isApiKey()
                ? caller.apiKey().orgId()
                : Optional.ofNullable(em.find(User.class, caller.userId()))
                        .map(User::getDefaultOrgId)
                        .orElse(null);
        if (id == null) {
            throw new NotFound("No current organization: use the organization's subdomain or set a default"
                    + " organization (PUT /api/v1/me/default-org).");
        }
        return em.find(Organization.class, id);
    }

    private Organization find(String reference) {
        if (Slugs.looksLikeId(reference)) {
            return em.find(Organization.class, UUID.fromString(reference));
        }
        return em.createNamedQuery("Organization.findBySlug", Organization.class)
                .setParameter("slug", reference)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private static NotFound notFound() {
        return new NotFound("No such organization.");
    }
}
