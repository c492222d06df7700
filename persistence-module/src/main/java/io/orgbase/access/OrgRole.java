package io.orgbase.access;

import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A custom role of one organization: a set of permissions (their catalogue keys), optionally
 * inheriting those of a system role or of another custom role of the same organization. The key
 * never changes once created; memberships, API keys and invitations keep a copy of it.
 */
@Entity
@Table(name = "org_role")
@NamedQuery(name = "OrgRole.all", query = "select r from OrgRole r order by r.roleKey")
@NamedQuery(name = "OrgRole.count", query = "select count(r) from OrgRole r")
@NamedQuery(name = "OrgRole.byKey", query = "select r from OrgRole r where r.roleKey = :key")
@NamedQuery(
        name = "OrgRole.children",
        query = "select r.roleKey from OrgRole r where r.parentId = :id order by r.roleKey")
public class OrgRole extends TenantOwnedEntity {

    @Column(name = "role_key", nullable = false, updatable = false)
    private String roleKey;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "permissions", nullable = false)
    private String permissions = "";

    @Column(name = "parent_role")
    private String parentRole;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID parentId;

    protected OrgRole() {}

    public OrgRole(String key, String name) {
        this.roleKey = key;
        this.name = name;
    }

    public String getKey() {
        return roleKey;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** The permission keys granted by this role itself (not inherited), in stored order. */
    public Set<String> getPermissionKeys() {
        Set<String> keys = new LinkedHashSet<>();
        if (!permissions.isEmpty()) {
            keys.addAll(Arrays.asList(permissions.split(" ")));
        }
        return keys;
    }

    public void setPermissionKeys(Collection<String> keys) {
        this.permissions = String.join(" ", keys);
    }

    /** The system role this role inherits from (lowercase name), or null. */
    public String getParentRole() {
        return parentRole;
    }

    /** The custom role this role inherits from, or null. */
    public UUID getParentId() {
        return parentId;
    }

    /** Inherits from a system role (by lowercase name), a custom role (by id), or nothing. */
    public void setParent(String systemRole, UUID customRoleId) {
        if (systemRole != null && customRoleId != null) {
            throw new IllegalArgumentException("one parent at most");
        }
        this.parentRole = systemRole;
        this.parentId = customRoleId;
    }

    /** This role as a membership, API key or invitation holds it. */
    public RoleAssignment assignment() {
        return RoleAssignment.custom(getId(), roleKey);
    }
}
