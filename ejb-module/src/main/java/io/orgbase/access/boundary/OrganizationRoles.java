package io.orgbase.access.boundary;

import io.orgbase.access.OrgRole;
import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.RoleListing;
import io.orgbase.access.RolePermissions;
import io.orgbase.access.control.RoleResolver;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.feature.RequiresFeature;
import io.orgbase.organization.control.TenantMembers;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The roles of an organization: the four system roles (read-only) and the organization's custom
 * roles. A custom role has its own permissions and may inherit a system role's or another custom
 * role's; inheritance never forms a cycle. A role still held by a member, a usable API key or an
 * open invitation, or inherited by another role, cannot be deleted. Nobody creates, changes or
 * deletes a role that grants permissions they do not hold themselves.
 */
@Stateless
@Audited
@TenantScoped
public class OrganizationRoles {

    /** Custom roles an organization may define: enough for any org chart, few enough to list whole. */
    public static final int MAX_CUSTOM_ROLES = 200;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    CollectionQueries collections;

    @Inject
    TenantMembers members;

    @Inject
    DatabaseSession session;

    @Inject
    RoleResolver resolver;

    /**
     * A role with what it grants. {@code custom} is null for a system role; {@code parent} is the
     * key of the role it inherits from.
     */
    public record Described(
            RoleAssignment role,
            OrgRole custom,
            String name,
            String description,
            String parent,
            Set<Permission> own,
            Set<Permission> effective) {

        public boolean system() {
            return custom == null;
        }
    }

    /**
     * What clients may sort, filter and search roles on: the system roles come first, most
     * powerful first, then the custom ones by key, unless sorted by key or name.
     */
    public static final CollectionSpec<RoleListing> COLLECTION = CollectionSpec.of(RoleListing.class)
            .identifiedBy("key", FieldType.STRING)
            .sortable("key", "key", FieldType.STRING, true)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("rank", "rank", FieldType.INTEGER, false)
            .filterable("description", "description", FieldType.STRING, true)
            .filterable("system", "system", FieldType.BOOLEAN, false)
            .defaultSort("rank", false)
            .build();

    /** A page of the organization's roles, system and custom (the collection conventions). */
    @RequiresPermission(Permission.ROLES_READ)
    public Slice<Described> list(Tenant tenant, CollectionRequest request) {
        Slice<RoleListing> page = collections.page(COLLECTION, request);
        List<String> customKeys = page.items().stream()
                .filter(role -> !role.isSystem())
                .map(RoleListing::getKey)
                .toList();
        Map<String, OrgRole> custom = new HashMap<>();
        if (!customKeys.isEmpty()) {
            em.createQuery("select r from OrgRole r where r.roleKey in :keys", OrgRole.class)
                    .setParameter("keys", customKeys)
                    .getResultList()
                    .forEach(role -> custom.put(role.getKey(), role));
        }
        List<Described> described = new ArrayList<>();
        for (RoleListing role : page.items()) {
            if (role.isSystem()) {
                described.add(describe(Role.byKey(role.getKey()), role));
            } else if (custom.containsKey(role.getKey())) {
                described.add(describe(custom.get(role.getKey())));
            } // else deleted between the two reads: as if it were gone already
        }
        return new Slice<>(described, page.nextCursor(), page.total());
    }

    /**
     * @param reference a role key, or a custom role's id
     * @throws NotFound when the organization has no such role
     */
    @RequiresPermission(Permission.ROLES_READ)
    public Described get(Tenant tenant, String reference) {
        Role system = Role.byKey(reference);
        return system != null ? describe(system) : describe(require(reference));
    }

    /**
     * @throws InvalidInput when the key is a system role's, a permission is unknown or the parent
     *     does not exist
     * @throws Conflict when the organization already has a role with this key
     * @throws io.orgbase.problems.Forbidden when the role would grant a permission the caller lacks
     */
    @RequiresFeature("custom-roles")
    @RequiresPermission(Permission.ROLES_WRITE)
    public Described create(Tenant tenant, @Valid RoleRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (Role.byKey(request.key()) != null) {
            errors.add(new FieldError("key", "is the name of a system role"));
        }
        Set<String> permissions = permissionKeys(request.permissions(), errors);
        Parent parent = parent(request.parent(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (findByKey(request.key()) != null) {
            throw new Conflict("The organization already has a role with the key '" + request.key() + "'.");
        }
        // Two creates at 199 must not both pass: they queue on this lock, and the count after it
        // sees the other's committed row.
        session.lock("org_role:" + tenant.orgId());
        long existing = em.createNamedQuery("OrgRole.count", Long.class).getSingleResult();
        if (existing >= MAX_CUSTOM_ROLES) {
            throw new Conflict("An organization has at most " + MAX_CUSTOM_ROLES + " custom roles.");
        }
        OrgRole role = new OrgRole(request.key(), request.name().strip());
        role.setDescription(request.description());
        role.setPermissionKeys(permissions);
        role.setParent(parent.systemRole(), parent.customId());
        RoleResolver.requireHeld(
                tenant, effectiveBeforeSave(role, parent), "You cannot create a role that grants more than you hold");
        em.persist(role);
        em.flush();
        return describe(role);
    }

    /**
     * Applies the fields present in the patch. The key never changes: memberships, keys and
     * invitations name the role by it.
     *
     * @throws NotFound when the organization has no such custom role
     * @throws Conflict for a system role
     * @throws InvalidInput when a permission or the parent is unknown, or the new parent inherits
     *     from this role (a cycle)
     */
    @RequiresFeature("custom-roles")
    @RequiresPermission(Permission.ROLES_WRITE)
    public Described update(Tenant tenant, String reference, @Valid Patch<RoleRequest> patch) {
        refuseSystem(reference, "changed");
        if (patch.has("parent")) {
            // Two concurrent re-parentings could each pass the cycle check and together form a
            // cycle; locking every role of the organization first puts them in a queue.
            em.createNamedQuery("OrgRole.all", OrgRole.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
        }
        OrgRole role = require(reference);
        patch.precondition().check(role);
        RoleResolver.requireHeld(
                tenant, resolver.effective(role), "You cannot change a role that grants more than you hold");
        // a change reaches every role that inherits from this one, and whoever holds those
        for (OrgRole heir : em.createNamedQuery("OrgRole.all", OrgRole.class).getResultList()) {
            if (!heir.getId().equals(role.getId()) && inheritsFrom(heir.getId(), role.getId())) {
                RoleResolver.requireHeld(
                        tenant,
                        resolver.effective(heir),
                        "You cannot change a role that a role granting more than you hold inherits from");
            }
        }
        RoleRequest values = patch.values();
        List<FieldError> errors = new ArrayList<>();
        if (patch.has("key") && !role.getKey().equals(values.key())) {
            errors.add(new FieldError("key", "cannot be changed; create a role with the new key and move its holders"));
        }
        Set<String> permissions = patch.has("permissions") ? permissionKeys(values.permissions(), errors) : null;
        Parent parent = patch.has("parent") ? parent(values.parent(), errors) : null;
        if (parent != null && parent.customId() != null && inheritsFrom(parent.customId(), role.getId())) {
            errors.add(new FieldError("parent", "would make the role inherit from itself"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (patch.has("name")) {
            role.setName(values.name().strip());
        }
        if (patch.has("description")) {
            role.setDescription(values.description());
        }
        if (permissions != null) {
            role.setPermissionKeys(permissions);
        }
        if (parent != null) {
            role.setParent(parent.systemRole(), parent.customId());
        }
        RoleResolver.requireHeld(tenant, resolver.effective(role), "You cannot make a role grant more than you hold");
        em.flush();
        return describe(role);
    }

    /**
     * @throws NotFound when the organization has no such custom role
     * @throws Conflict for a system role, or a role that is held or inherited
     */
    @RequiresPermission(Permission.ROLES_WRITE)
    public void delete(Tenant tenant, String reference, Precondition precondition) {
        refuseSystem(reference, "deleted");
        OrgRole role = require(reference);
        precondition.check(role);
        // Holders being added right now wait for this lock, then fail their foreign key check.
        em.lock(role, LockModeType.PESSIMISTIC_WRITE);
        RoleResolver.requireHeld(
                tenant, resolver.effective(role), "You cannot delete a role that grants more than you hold");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> uses = new ArrayList<>();
        count(uses, "member", members.holding(tenant, role.getId()));
        count(
                uses,
                "API key",
                em.createQuery(
                                "select count(k) from ApiKey k where k.role.roleId = :id and k.revokedAt is null"
                                        + " and (k.expiresAt is null or k.expiresAt > :now)",
                                Long.class)
                        .setParameter("id", role.getId())
                        .setParameter("now", now)
                        .getSingleResult());
        count(
                uses,
                "open invitation",
                em.createQuery(
                                "select count(i) from Invitation i where i.role.roleId = :id and i.acceptedAt is null"
                                        + " and i.revokedAt is null and i.expiresAt > :now",
                                Long.class)
                        .setParameter("id", role.getId())
                        .setParameter("now", now)
                        .getSingleResult());
        List<String> children = em.createNamedQuery("OrgRole.children", String.class)
                .setParameter("id", role.getId())
                .getResultList();
        if (!children.isEmpty()) {
            uses.add("inherited by " + String.join(", ", children));
        }
        if (!uses.isEmpty()) {
            throw new Conflict(
                    "The role is in use (" + String.join("; ", uses) + "); give its holders another role first.");
        }
        em.remove(role);
        em.flush();
    }

    private record Parent(String systemRole, UUID customId, Set<Permission> permissions) {
        static final Parent NONE = new Parent(null, null, EnumSet.noneOf(Permission.class));
    }

    private Parent parent(String key, List<FieldError> errors) {
        if (key == null) {
            return Parent.NONE;
        }
        Role system = Role.byKey(key);
        if (system != null) {
            return new Parent(key, null, RolePermissions.of(system));
        }
        OrgRole custom = findByKey(key);
        if (custom == null) {
            errors.add(new FieldError("parent", "no role '" + key + "' in this organization"));
            return Parent.NONE;
        }
        return new Parent(null, custom.getId(), resolver.effective(custom));
    }

    private Set<Permission> effectiveBeforeSave(OrgRole role, Parent parent) {
        Set<Permission> result = Permission.parse(role.getPermissionKeys());
        result.addAll(parent.permissions());
        return result;
    }

    /** Catalogue keys in catalogue order; unknown ones are reported together. */
    private static Set<String> permissionKeys(List<String> requested, List<FieldError> errors) {
        if (requested == null) {
            return new LinkedHashSet<>();
        }
        Set<String> unknown = new LinkedHashSet<>();
        for (String key : requested) {
            if (Permission.byKey(key).isEmpty()) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(new FieldError(
                    "permissions",
                    "unknown permission(s): " + String.join(", ", unknown) + " (GET /api/v1/permissions)"));
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Permission permission : Permission.parse(requested)) {
            keys.add(permission.key());
        }
        return keys;
    }

    /** Walks up from {@code start}; meeting {@code id} means {@code start} inherits from it. */
    private boolean inheritsFrom(UUID start, UUID id) {
        Set<UUID> seen = new HashSet<>();
        for (UUID current = start; current != null && seen.add(current); ) {
            if (current.equals(id)) {
                return true;
            }
            OrgRole ancestor = em.find(OrgRole.class, current);
            current = ancestor == null ? null : ancestor.getParentId();
        }
        return false;
    }

    private static void count(List<String> uses, String what, long count) {
        if (count > 0) {
            uses.add(count + " " + what + (count == 1 ? "" : "s"));
        }
    }

    private static void refuseSystem(String reference, String verb) {
        if (Role.byKey(reference) != null) {
            throw new Conflict("System roles cannot be " + verb + "; create a custom role instead.");
        }
    }

    private OrgRole require(String reference) {
        OrgRole role = null;
        if (reference != null && reference.length() == 36) {
            try {
                role = em.find(OrgRole.class, UUID.fromString(reference));
            } catch (IllegalArgumentException notAnId) {
                role = null;
            }
        }
        if (role == null) {
            role = findByKey(reference);
        }
        if (role == null) {
            throw new NotFound("No such role.");
        }
        return role;
    }

    private OrgRole findByKey(String key) {
        return em.createNamedQuery("OrgRole.byKey", OrgRole.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private Described describe(Role role) {
        return describe(role, em.find(RoleListing.class, role.key()));
    }

    private static Described describe(Role role, RoleListing listed) {
        Set<Permission> permissions = RolePermissions.of(role);
        return new Described(
                RoleAssignment.system(role),
                null,
                listed.getName(),
                listed.getDescription(),
                null,
                permissions,
                permissions);
    }

    private Described describe(OrgRole role) {
        String parent = role.getParentRole();
        if (role.getParentId() != null) {
            OrgRole parentRole = em.find(OrgRole.class, role.getParentId());
            parent = parentRole == null ? null : parentRole.getKey();
        }
        return new Described(
                role.assignment(),
                role,
                role.getName(),
                role.getDescription(),
                parent,
                Permission.parse(role.getPermissionKeys()),
                resolver.effective(role));
    }
}
