package io.orgbase.access.control;

import io.orgbase.access.OrgRole;
import io.orgbase.access.Permission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.RoleGrant;
import io.orgbase.access.RolePermissions;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Resolves roles inside the tenant of the caller's transaction (custom roles are tenant rows, so
 * the tenant must have been entered).
 */
@Dependent
public class RoleResolver {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /**
     * The permissions a held role grants now.
     *
     * @return null for a custom role that no longer exists
     */
    public RoleGrant grant(RoleAssignment role) {
        Role system = role.systemRole();
        if (system != null) {
            return RoleGrant.system(system);
        }
        if (role.customRoleId() == null) {
            return null;
        }
        OrgRole custom = em.find(OrgRole.class, role.customRoleId());
        return custom == null ? null : new RoleGrant(role, effective(custom));
    }

    /** What a custom role grants: its own permissions and everything it inherits. */
    public Set<Permission> effective(OrgRole role) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        Set<UUID> seen = new HashSet<>();
        OrgRole current = role;
        // A cycle cannot be stored (updates refuse one under a lock), but a walk must end regardless.
        while (current != null && seen.add(current.getId())) {
            result.addAll(Permission.parse(current.getPermissionKeys()));
            if (current.getParentRole() != null) {
                result.addAll(RolePermissions.of(Role.byKey(current.getParentRole())));
                break;
            }
            current = current.getParentId() == null ? null : em.find(OrgRole.class, current.getParentId());
        }
        return result;
    }

    /**
     * The role a request names in {@code field}: a system role, or a custom role of the tenant.
     *
     * @throws InvalidInput when the organization has no role with this key
     */
    public RoleAssignment byKey(String field, String key) {
        Role system = Role.byKey(key);
        if (system != null) {
            return RoleAssignment.system(system);
        }
        return em.createNamedQuery("OrgRole.byKey", OrgRole.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst()
                .map(OrgRole::assignment)
                .orElseThrow(() -> InvalidInput.field(
                        field,
                        "no role '" + key + "' in this organization (system roles: owner, admin, member, viewer;"
                                + " custom roles: GET roles)"));
    }

    /**
     * Refuses to hand {@code role} to a member, invitation or API key when it grants a permission
     * the caller lacks.
     *
     * @throws Forbidden naming the permissions the caller lacks
     */
    public void requireGrantable(Tenant tenant, RoleAssignment role) {
        requireHeld(tenant, grant(role).permissions(), "You cannot grant a role that grants more than you hold");
    }

    /**
     * Nobody hands out what they do not hold: refuses when {@code granted} includes a permission
     * the caller lacks in this organization.
     *
     * @param refusal the sentence to refuse with; the missing permissions are appended
     * @throws Forbidden naming the permissions the caller lacks
     */
    /**
     * Nobody changes what holds more than they do: refuses when what {@code role} grants (a member's,
     * a key's or an invitation's role) includes a permission the caller lacks. A custom role deleted
     * meanwhile grants nothing.
     *
     * @throws Forbidden naming the permissions the caller lacks
     */
    public void requireCovered(Tenant tenant, RoleAssignment role, String refusal) {
        RoleGrant grant = grant(role);
        if (grant != null) {
            requireHeld(tenant, grant.permissions(), refusal);
        }
    }

    public static void requireHeld(Tenant tenant, Set<Permission> granted, String refusal) {
        Set<Permission> missing = EnumSet.noneOf(Permission.class);
        missing.addAll(granted);
        missing.removeAll(tenant.permissions());
        if (!missing.isEmpty()) {
            throw new Forbidden(refusal + " (you do not hold "
                    + missing.stream().map(Permission::key).collect(Collectors.joining(", ")) + ").");
        }
    }
}
