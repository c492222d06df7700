package io.orgbase.organization.boundary;

import io.orgbase.access.Lifecycle;
import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.control.RoleResolver;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionField;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.department.Department;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.organization.Membership;
import io.orgbase.organization.control.TenantMembers;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.problems.PreconditionFailed;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.team.TeamMember;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import jakarta.validation.Valid;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

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
    TenantMembers members;

    @Inject
    DatabaseSession session;

    @Inject
    Accounts accounts;

    @Inject
    RoleResolver roles;

    @Inject
    CollectionQueries collections;

    @Inject
    Invitations invitations;

    /** A membership with its user. */
    public record Member(Membership membership, User user) {}

    /**
     * The member directory: sorting, filtering and search on members, through their accounts and
     * employment; by email unless asked otherwise. {@code teamId} selects members of teams, {@code
     * inDepartment} members of departments or anywhere below them.
     */
    public static final CollectionSpec<Membership> COLLECTION = CollectionSpec.of(Membership.class)
            .sortable("email", "user.email", FieldType.STRING, true)
            .sortable("displayName", "user.displayName", FieldType.STRING, true)
            .sortable("joinedAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("userId", "userId", FieldType.UUID, false)
            .filterable("role", "role.roleKey", FieldType.STRING, false)
            .filterable("active", "active", FieldType.BOOLEAN, false)
            .filterable("inherited", "inherited", FieldType.BOOLEAN, false)
            .filterable("jobTitle", "jobTitle", FieldType.STRING, true)
            .filterable("employeeNumber", "employeeNumber", FieldType.STRING, true)
            .filterable("departmentId", "departmentId", FieldType.UUID, false)
            .filterable("managerId", "managerId", FieldType.UUID, false)
            .filterable("lastActiveAt", "lastActiveAt", FieldType.TIMESTAMP, false)
            .related("teamId", FieldType.UUID, Memberships::inTeams)
            .related("inDepartment", FieldType.UUID, Memberships::inDepartments)
            .defaultSort("email", false)
            .searchIndex("member", "email")
            .build();

    /** Members of any of these teams. */
    private static Predicate inTeams(CollectionField.Where where, List<Object> teamIds) {
        Subquery<UUID> members = where.query().subquery(UUID.class);
        Root<TeamMember> member = members.from(TeamMember.class);
        members.select(member.get("userId")).where(member.get("teamId").in(teamIds));
        return where.root().get("userId").in(members);
    }

    /**
     * Members of any of these departments or of a department below one of them: a path range each.
     * The named departments' paths are looked up first, so the ranges are constants and an index
     * condition on {@code (org_id, path)}; joining the named departments in the query left the
     * planner a filter over every department of the organization (70 ms against 12 on 101,110).
     */
    private static Predicate inDepartments(CollectionField.Where where, List<Object> departmentIds) {
        CriteriaBuilder cb = where.cb();
        List<String> paths = where.em()
                .createQuery("select d.path from Department d where d.id in :ids", String.class)
                .setParameter("ids", departmentIds)
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        if (paths.isEmpty()) {
            return cb.disjunction();
        }
        Subquery<UUID> below = where.query().subquery(UUID.class);
        Root<Department> department = below.from(Department.class);
        Path<String> path = department.get("path");
        below.select(department.get("id"))
                .where(cb.or(paths.stream()
                        .map(top -> cb.and(cb.greaterThanOrEqualTo(path, top), cb.lessThan(path, top + "~")))
                        .toArray(Predicate[]::new)));
        return where.root().get("departmentId").in(below);
    }

    /** A page of the tenant's members. */
    @RequiresPermission(Permission.MEMBERS_READ)
    public Slice<Member> list(Tenant tenant, CollectionRequest request) {
        return collections
                .page(COLLECTION, request, CollectionQueries.Scope.tenant("orgId", tenant.orgId()))
                .map(m -> new Member(m, m.getUser()));
    }

    /** @throws NotFound when the user is not a member of the organization */
    @RequiresPermission(Permission.MEMBERS_READ)
    public Member get(Tenant tenant, UUID userId) {
        Membership membership = require(tenant, userId);
        return new Member(membership, membership.getUser());
    }

    /** What adding by email did: a member (the address's verified account joined) or an invitation. */
    public record Added(Member member, Invitations.Created invitation) {}

    /**
     * Adds the account that owns this email. An email that no verified account owns gets an
     * invitation instead, whether or not unverified accounts claim it: an address belongs to whoever
     * proves it, and the answer never tells an unverified account from an unknown email.
     *
     * @param role the key of a system role or of a custom role of the organization
     * @throws InvalidInput when the organization has no such role, or an invitation is made and
     *     {@code inherited} or employment was asked for (they are set once the person has joined)
     * @throws Conflict when the user is already a member
     * @throws Forbidden when the role grants a permission the caller lacks
     */
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public Added add(Tenant tenant, String email, String roleKey, boolean inherited, @Valid Employment employment) {
        RoleAssignment role = roles.byKey("role", roleKey);
        roles.requireGrantable(tenant, role);
        if (inherited) {
            requireInheritable(tenant, role);
        }
        User user = accounts.owner(email).orElse(null);
        Set<String> employed = presentFields(employment);
        if (user == null) {
            if (inherited || !employed.isEmpty()) {
                throw InvalidInput.field(
                        inherited ? "inherited" : employed.iterator().next(),
                        "is set once the person has joined: this email gets an invitation");
            }
            return new Added(null, invitations.invite(tenant, email, roleKey));
        }
        if (members.isMember(tenant, user.getId())) {
            throw new Conflict("This user is already a member.");
        }
        Membership membership = new Membership(tenant.orgId(), user.getId(), role);
        membership.setInherited(inherited);
        Patch<Employment> employ = new Patch<>(employment, employed);
        requireValidEmployment(tenant, membership, employ);
        employ(membership, employ);
        em.persist(membership);
        em.flush();
        return new Added(new Member(membership, user), null);
    }

    /**
     * Changes a member's role, suspends or reactivates the membership, and changes their employment
     * (null role or active leaves either as it is; an employment field sent as null clears it). A
     * suspended member keeps the role but cannot act in the organization. Only members whose role
     * grants nothing the caller lacks are changed, whatever the field; only owners change {@code
     * inherited}.
     *
     * @throws NotFound when the user is not a member
     * @throws PreconditionFailed when the membership changed since the caller's {@code If-Match}
     * @throws InvalidInput when the organization has no such role, department or manager, or the
     *     manager would close a cycle
     * @throws Forbidden when the member's current or new role grants a permission the caller lacks,
     *     or a non-owner changes {@code inherited}
     * @throws Conflict when this would leave the organization without an active owner, or the
     *     employee number is another member's
     */
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public Member update(
            Tenant tenant,
            UUID userId,
            String roleKey,
            Boolean active,
            Boolean inherited,
            @Valid Patch<Employment> employment,
            Precondition precondition) {
        Membership membership = require(tenant, userId);
        precondition.check(membership);
        // every field of a membership goes through one rule: only members who hold no more than the
        // caller are changed at all (a role, a suspension, an inherited flag, employment alike)
        requireAbove(tenant, membership);
        if (inherited != null && inherited != membership.isInherited() && !tenant.actsAsOwner()) {
            throw new Forbidden("Only owners change whether a role holds in the organizations below this one.");
        }
        requireValidEmployment(tenant, membership, employment);
        RoleAssignment role = roleKey == null ? null : roles.byKey("role", roleKey);
        boolean inherits = inherited == null ? membership.isInherited() : inherited;
        if (inherits && (inherited != null || role != null)) {
            requireInheritable(tenant, role == null ? membership.getRole() : role);
        }
        boolean demotes = role != null && !role.equals(membership.getRole());
        boolean suspends = Boolean.FALSE.equals(active) && membership.isActive();
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
        if (inherited != null) {
            membership.setInherited(inherited);
        }
        employ(membership, employment);
        em.flush();
        return new Member(membership, em.find(User.class, userId));
    }

    /**
     * A page of the members of a department (directly in it; {@code inDepartment} in the directory
     * reaches below).
     *
     * @throws NotFound when the tenant has no such department
     */
    @RequiresPermission(Permission.MEMBERS_READ)
    public Slice<Member> ofDepartment(Tenant tenant, UUID departmentId, CollectionRequest request) {
        if (em.find(Department.class, departmentId) == null) {
            throw new NotFound("No such department.");
        }
        return collections
                .page(
                        COLLECTION,
                        request,
                        (cb, m) -> cb.and(
                                cb.equal(m.get("orgId"), tenant.orgId()),
                                cb.equal(m.get("departmentId"), departmentId)))
                .map(m -> new Member(m, m.getUser()));
    }

    /**
     * An inherited role holds in every organization below: only owners hand one out, and only a
     * system role (a custom role belongs to this organization alone).
     */
    private static void requireInheritable(Tenant tenant, RoleAssignment role) {
        if (role.customRoleId() != null) {
            throw InvalidInput.field("inherited", "only system roles (owner, admin, member, viewer) are inherited");
        }
        if (!tenant.actsAsOwner()) {
            throw new Forbidden("Only owners give a role that holds in the organizations below this one.");
        }
    }

    /**
     * Checks every employment field. Callers check before they change anything: a query after a
     * change flushes it as an UPDATE of its own (two versions and two audit entries for one
     * request).
     */
    private void requireValidEmployment(Tenant tenant, Membership membership, Patch<Employment> patch) {
        Employment values = patch.values();
        if (patch.has("employeeNumber") && values.employeeNumber() != null) {
            boolean taken = members.byEmployeeNumber(tenant, values.employeeNumber())
                    .filter(other -> !other.getUserId().equals(membership.getUserId()))
                    .isPresent();
            if (taken) {
                throw new Conflict("Another member has the employee number '" + values.employeeNumber() + "'.");
            }
        }
        if (patch.has("departmentId")
                && values.departmentId() != null
                && em.find(Department.class, values.departmentId()) == null) {
            throw InvalidInput.field("departmentId", "no such department in this organization");
        }
        if (patch.has("managerId")
                && values.managerId() != null
                && !values.managerId().equals(membership.getManagerId())) {
            requireManager(tenant, membership.getUserId(), values.managerId());
        }
    }

    private static void employ(Membership membership, Patch<Employment> patch) {
        Employment values = patch.values();
        if (patch.has("jobTitle")) {
            membership.setJobTitle(
                    values.jobTitle() == null ? null : values.jobTitle().strip());
        }
        if (patch.has("employeeNumber")) {
            membership.setEmployeeNumber(values.employeeNumber());
        }
        if (patch.has("departmentId")) {
            membership.setDepartmentId(values.departmentId());
        }
        if (patch.has("managerId")) {
            membership.setManagerId(values.managerId());
        }
    }

    /**
     * The manager is another member, and the member is not above them already. Manager changes of
     * an organization queue on one lock, so two changes at once cannot close a loop between them.
     */
    private void requireManager(Tenant tenant, UUID userId, UUID managerId) {
        if (managerId.equals(userId)) {
            throw InvalidInput.field("managerId", "a member cannot be their own manager");
        }
        if (!members.isMember(tenant, managerId)) {
            throw InvalidInput.field("managerId", "is not a member of this organization");
        }
        session.lock("manager-chain:" + tenant.orgId());
        Number loops = (Number) em.createNativeQuery("with recursive chain (user_id, manager_id, steps) as ("
                        + " select user_id, manager_id, 1 from membership where org_id = ?1 and user_id = ?2"
                        + " union all"
                        + " select m.user_id, m.manager_id, c.steps + 1 from membership m join chain c"
                        + " on m.org_id = ?1 and m.user_id = c.manager_id where c.steps < 100000)"
                        + " select count(*) from chain where user_id = ?3")
                .setParameter(1, tenant.orgId())
                .setParameter(2, managerId)
                .setParameter(3, userId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        if (loops.longValue() > 0) {
            throw InvalidInput.field("managerId", "reports to this member already (managers would form a cycle)");
        }
    }

    private static Set<String> presentFields(Employment employment) {
        Set<String> present = new HashSet<>();
        if (employment.jobTitle() != null) {
            present.add("jobTitle");
        }
        if (employment.employeeNumber() != null) {
            present.add("employeeNumber");
        }
        if (employment.departmentId() != null) {
            present.add("departmentId");
        }
        if (employment.managerId() != null) {
            present.add("managerId");
        }
        return present;
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
     * The caller leaves the organization, whatever its lifecycle state (a member of a suspended
     * or archived organization may still leave it).
     *
     * @throws Conflict when the caller is the last owner
     */
    @RequiresPermission(value = Permission.ORGANIZATION_READ, lifecycle = Lifecycle.Applies.NEVER)
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

    private Membership require(Tenant tenant, UUID userId) {
        return members.find(tenant, userId).orElseThrow(() -> new NotFound("No such member."));
    }

    private void requireAbove(Tenant tenant, Membership membership) {
        roles.requireCovered(
                tenant,
                membership.getRole(),
                "You cannot change or remove a member whose role grants more than you hold");
    }

    /**
     * Two owners demoting each other at once must not both succeed: the owner rows are locked
     * before counting.
     */
    private void requireAnotherOwner(Tenant tenant) {
        List<Membership> owners = members.activeOwnersLocked(tenant);
        if (owners.size() < 2) {
            throw new Conflict("The organization must keep at least one active owner.");
        }
    }
}
