package io.orgbase.organization.control;

import io.orgbase.access.Role;
import io.orgbase.organization.Membership;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way to look up memberships: always those of the organization the call entered. (A
 * membership is not a tenant row: a user's own lists read theirs across organizations, so the row
 * policy cannot keep a lookup in its organization; this does.) Runs in the caller's transaction.
 */
@Dependent
public class TenantMembers {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** The user's membership in the tenant (active or not), if any. */
    public Optional<Membership> find(Tenant tenant, UUID userId) {
        return in(tenant.orgId(), userId);
    }

    /**
     * The user's membership in an organization no call has entered yet: the one a request names
     * (tenant resolution), the one an invitation is for.
     */
    public Optional<Membership> in(UUID orgId, UUID userId) {
        return em.createNamedQuery("Membership.find", Membership.class)
                .setParameter("orgId", orgId)
                .setParameter("userId", userId)
                .getResultStream()
                .findFirst();
    }

    public boolean isMember(Tenant tenant, UUID userId) {
        return find(tenant, userId).isPresent();
    }

    /** Who holds this employee number in the tenant, if anyone. */
    public Optional<Membership> byEmployeeNumber(Tenant tenant, String number) {
        return em.createNamedQuery("Membership.byEmployeeNumber", Membership.class)
                .setParameter("orgId", tenant.orgId())
                .setParameter("number", number)
                .getResultStream()
                .findFirst();
    }

    /** How many members hold this custom role. */
    public long holding(Tenant tenant, UUID roleId) {
        return em.createQuery(
                        "select count(m) from Membership m where m.orgId = :orgId and m.role.roleId = :id", Long.class)
                .setParameter("orgId", tenant.orgId())
                .setParameter("id", roleId)
                .getSingleResult();
    }

    /**
     * The tenant's active owners, their rows locked until the transaction ends: two owners demoting
     * each other at once queue here, and the second sees the first's change.
     */
    public List<Membership> activeOwnersLocked(Tenant tenant) {
        return em.createQuery(
                        "select m from Membership m where m.orgId = :orgId and m.role.roleKey = :role"
                                + " and m.role.roleId is null and m.active = true",
                        Membership.class)
                .setParameter("orgId", tenant.orgId())
                .setParameter("role", Role.OWNER.key())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }
}
