package io.orgbase.tenancy;

import io.orgbase.access.Caller;
import io.orgbase.access.Lifecycle;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.RoleGrant;
import io.orgbase.access.control.RoleResolver;
import io.orgbase.database.AfterCommit;
import io.orgbase.identity.User;
import io.orgbase.logging.Logs;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * <p>Round trips, the first time: the organization by slug or id, one statement entering the tenant
 * and the user (and reading the organization's access generation), the membership (its row policy
 * admits the tenant's rows), and a custom role if one is held. The tenant is entered before the
 * membership is checked so that the boundary call that follows needs no second {@code set_config};
 * a refusal throws before anything else runs, and the transaction rolls back.
 *
 * <p>After that, for the same caller and reference: one round trip, the statement that enters the
 * tenant, which does so only while the organization's access generation is the one the {@link
 * AccessCache} entry was read at. A moved generation (any change to the organization, a membership's
 * role or state, a custom role, on any server) leaves nothing entered, and the reference is resolved
 * afresh as above.
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

    @Inject
    AccessCache cache;

    @Inject
    AfterCommit afterCommit;

    /** Under this key a transaction records the member's activity for the cache (once). */
    private static final Object ACTIVITY_RECORDED = new Object();

    /**
     * Finds the organization {@code tenant} names and the caller's standing in it, in the current
     * transaction, which afterwards runs as that tenant.
     *
     * @throws NotFound when it does not exist or the caller may not act in it
     * @throws Forbidden when the caller's membership is suspended
     */
    public Tenant.Resolution resolve(Tenant tenant) {
        Tenant.Resolution resolution = standing(tenant);
        // the request's log lines name the organization from here on
        Logs.organization(resolution.orgId());
        return resolution;
    }

    private Tenant.Resolution standing(Tenant tenant) {
        Caller caller = tenant.caller();
        String reference = tenant.reference();
        AccessCache.Key key = CURRENT.equals(reference)
                ? null
                : AccessCache.Key.of(
                        caller,
                        Slugs.looksLikeId(reference)
                                ? UUID.fromString(reference).toString()
                                : reference);
        AccessCache.Entry known = key == null ? null : cache.get(key);
        if (known != null) {
            DatabaseSession.AccessStamp stamp =
                    session.enterTenantIfCurrent(known.resolution().orgId(), caller.userId(), known.generation());
            if (stamp.entered()) {
                return reuse(key, known, caller);
            }
            cache.forget(key);
        }
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
            DatabaseSession.AccessStamp stamp = session.enterTenantIfCurrent(orgId, caller.userId(), -1);
            Tenant.Resolution resolution = new Tenant.Resolution(
                    orgId,
                    organization.getSlug(),
                    organization.getStatus(),
                    grant(orgId, caller, caller.apiKey().role()));
            remember(key, organization, stamp, resolution, false, null);
            return resolution;
        }
        DatabaseSession.AccessStamp stamp = session.enterTenantIfCurrent(orgId, caller.userId(), -1);
        Membership membership = members.in(orgId, caller.userId()).orElse(null);
        // An inherited standing depends on the memberships of the organizations above, whose
        // generations are not this one's: such a resolution is never cached.
        boolean inheritance = membership == null && organization.getParentId() != null;
        if (inheritance) {
            membership = inherited(organization, caller.userId());
        }
        if (caller.platformAdmin() && (membership == null || !membership.isActive())) {
            Tenant.Resolution resolution =
                    new Tenant.Resolution(orgId, organization.getSlug(), organization.getStatus(), null);
            if (!inheritance) {
                remember(key, organization, stamp, resolution, false, null);
            }
            return resolution;
        }
        if (membership == null) {
            throw notFound();
        }
        Standing.require(organization, membership, caller);
        Tenant.Resolution resolution = new Tenant.Resolution(
                orgId, organization.getSlug(), organization.getStatus(), grant(orgId, caller, membership.getRole()));
        if (membership.getOrgId().equals(orgId)) {
            remember(key, organization, stamp, resolution, true, markActive(key, membership));
        }
        return resolution;
    }

    /**
     * A cached resolution whose generation the entering statement just confirmed: only what
     * depends on this request is checked again.
     */
    private Tenant.Resolution reuse(AccessCache.Key key, AccessCache.Entry known, Caller caller) {
        Tenant.Resolution resolution = known.resolution();
        if (caller.isApiKey()) {
            Lifecycle.admitApiKey(resolution.status());
        } else if (known.member()) {
            Standing.requireSignInPolicy(known.requireTwoFactor(), known.maxSessionHours(), caller);
            if (known.activeOn() == null || known.activeOn().isBefore(today())) {
                recordActive(key, resolution.orgId(), caller.userId());
            }
        }
        return resolution;
    }

    /**
     * Keeps a resolution for the caller's next requests, if it can be checked by its organization's
     * generation alone: read at {@code stamp}, and nothing of the organization changed between
     * reading it and the stamp (its version is the one the stamp saw).
     */
    private void remember(
            AccessCache.Key key,
            Organization organization,
            DatabaseSession.AccessStamp stamp,
            Tenant.Resolution resolution,
            boolean member,
            LocalDate activeOn) {
        if (key != null && Long.valueOf(organization.getVersion()).equals(stamp.orgVersion())) {
            cache.put(
                    key,
                    new AccessCache.Entry(
                            resolution,
                            stamp.generation(),
                            member,
                            organization.isRequireTwoFactor(),
                            organization.getMaxSessionHours(),
                            activeOn));
        }
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
     * (its version and ETag stay, and so does the organization's access generation).
     *
     * @return the day the database held before this request (null: never)
     */
    private LocalDate markActive(AccessCache.Key key, Membership membership) {
        OffsetDateTime last = membership.getLastActiveAt();
        LocalDate recorded =
                last == null ? null : last.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        if (recorded == null || recorded.isBefore(today())) {
            recordActive(key, membership.getOrgId(), membership.getUserId());
        }
        return recorded;
    }

    /** Writes today's activity; the cached entry says so once the write has committed. */
    private void recordActive(AccessCache.Key key, UUID orgId, UUID userId) {
        em.createNativeQuery("update membership set last_active_at = now() where org_id = ?1 and user_id = ?2")
                .setParameter(1, orgId)
                .setParameter(2, userId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (key != null) {
            LocalDate day = today();
            afterCommit.once(ACTIVITY_RECORDED, () -> cache.activeOn(key, day));
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
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
