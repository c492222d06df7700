package io.orgbase.organization.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.control.RoleResolver;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.organization.Membership;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.problems.PreconditionFailed;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;

/**
 * Who belongs to an organization, with which role (a system role or one of the organization's
 * custom roles). Owners and admins manage members; nobody grants a role, or changes or removes a
 * member whose role grants, a permission they do not hold themselves (so only owners and platform
 * administrators touch owners); the last active owner can neither leave nor be demoted.
 */
@Stateless
@Audited
@TenantScoped
public class Memberships {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    RoleResolver roles;

    @Inject
    CollectionQueries collections;

    /** A membership with its user. */
    public record Member(Membership membership, User user) {}

    /** Sorting, filtering and search on members, through their accounts; by email unless asked otherwise. */
    public static final CollectionSpec<Membership> COLLECTION = CollectionSpec.of(Membership.class)
            .sortable("email", "user.email", FieldType.STRING, true)
            .sortable("displayName", "user.displayName", FieldType.STRING, true)
            .sortable("joinedAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("userId", "userId", FieldType.UUID, false)
            .filterable("role", "role.roleKey", FieldType.STRING, false)
            .filterable("active", "active", FieldType.BOOLEAN, false)
            .defaultSort("email", false)
            .build();

    /** A page of the tenant's members. */
    @RequiresPermission(Permission.MEMBERS_READ)
    public Slice<Member> list(Tenant tenant, CollectionRequest request) {
        return collections
                .page(COLLECTION, request, (cb, m) -> cb.equal(m.get("orgId"), tenant.orgId()))
                .map(m -> new Member(m, m.getUser()));
    }

    /** @throws NotFound when the user is not a member of the organization */
    @RequiresPermission(Permission.MEMBERS_READ)
    public Member get(Tenant tenant, UUID userId) {
        Membership membership = require(tenant, userId);
        return new Member(membership, membership.getUser());
    }

    /**
     * Adds an existing user.
     *
     * @param role the key of a system role or of a custom role of the organization
     * @throws InvalidInput when no user has this email, or the organization has no such role
     * @throws Conflict when the user is already a member
     * @throws Forbidden when the role grants a permission the caller lacks
     */
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public Member add(Tenant tenant, String email, String roleKey) {
        RoleAssignment role = roles.byKey("role", roleKey);
        roles.requireGrantable(tenant, role);
        User user =
                accounts.findByEmail(email).orElseThrow(() -> InvalidInput.field("email", "no user has this email"));
        if (find(tenant, user.getId()) != null) {
            throw new Conflict("This user is already a member.");
        }
        Membership membership = new Membership(tenant.orgId(), user.getId(), role);
        em.persist(membership);
        em.flush();
        return new Member(membership, user);
    }

    /**
     * Changes a member's role and/or suspends or reactivates the membership (null leaves either as
     * it is). A suspended member keeps the role but cannot act in the organization.
     *
     * @throws NotFound when the user is not a member
     * @throws PreconditionFailed when the membership changed since the caller's {@code If-Match}
     * @throws InvalidInput when the organization has no such role
     * @throws Forbidden when the member's current or new role grants a permission the caller lacks
     * @throws Conflict when this would leave the organization without an active owner
     */
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public Member update(Tenant tenant, UUID userId, String roleKey, Boolean active, Precondition precondition) {
        Membership membership = require(tenant, userId);
        precondition.check(membership);
        RoleAssignment role = roleKey == null ? null : roles.byKey("role", roleKey);
        boolean demotes = role != null && !role.equals(membership.getRole());
        boolean suspends = Boolean.FALSE.equals(active) && membership.isActive();
        if (demotes || active != null) {
            requireAbove(tenant, membership);
        }
        if (role != null) {
            roles.requireGrantable(tenant, role);
        }
        if (membership.getRole().is(Role.OWNER) && membership.isActive() && (demotes || suspends)) {
            requireAnotherOwner(tenant);
        }
        if (role != null) {
            membership.setRole(role);
        }
        if (active != null) {
            membership.setActive(active);
        }
        em.flush();
        return new Member(membership, em.find(User.class, userId));
    }

    /**
     * Removes a member.
     *
     * @throws NotFound when the user is not a member
     * @throws Conflict when the member is the last owner
     */
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public void remove(Tenant tenant, UUID userId, Precondition precondition) {
        Membership membership = require(tenant, userId);
        precondition.check(membership);
        requireAbove(tenant, membership);
        delete(tenant, membership);
    }

    /**
     * The caller leaves the organization.
     *
     * @throws Conflict when the caller is the last owner
     */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public void leave(Tenant tenant, Precondition precondition) {
        Membership membership = require(tenant, tenant.caller().userId());
        precondition.check(membership);
        delete(tenant, membership);
    }

    private void delete(Tenant tenant, Membership membership) {
        if (membership.getRole().is(Role.OWNER) && membership.isActive()) {
            requireAnotherOwner(tenant);
        }
        em.remove(membership);
        em.flush();
    }

    private Membership find(Tenant tenant, UUID userId) {
        return em.createNamedQuery("Membership.find", Membership.class)
                .setParameter("orgId", tenant.orgId())
                .setParameter("userId", userId)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private Membership require(Tenant tenant, UUID userId) {
        Membership membership = find(tenant, userId);
        if (membership == null) {
            throw new NotFound("No such member.");
        }
        return membership;
    }

    private void requireAbove(Tenant tenant, Membership membership) {
        RoleResolver.requireHeld(
                tenant,
                roles.grant(membership.getRole()).permissions(),
                "You cannot change or remove a member whose role grants more than you hold");
    }

    /**
     * Two owners demoting each other at once must not both succeed: the owner rows are locked
     * before counting.
     */
    private void requireAnotherOwner(Tenant tenant) {
        List<Membership> owners = em.createQuery(
                        "select m from Membership m where m.orgId = :orgId and m.role.roleKey = :role"
                                + " and m.role.roleId is null and m.active = true",
                        Membership.class)
                .setParameter("orgId", tenant.orgId())
                .setParameter("role", Role.OWNER.key())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (owners.size() < 2) {
            throw new Conflict("The organization must keep at least one active owner.");
        }
    }
}
