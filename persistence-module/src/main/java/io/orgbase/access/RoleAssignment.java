package io.orgbase.access;

import io.orgbase.persistence.NullableUuidConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.UUID;

/**
 * The role a membership, API key or invitation holds: a system role, or one of the organization's
 * custom roles. {@code roleKey} is the role's name as clients spell it ({@code admin}, {@code
 * auditor}); for a custom role {@code roleId} is set and the key is a copy of the role's immutable
 * key, kept equal by a foreign key.
 */
@Embeddable
public class RoleAssignment {

    @Column(name = "role", nullable = false)
    private String roleKey;

    @Column(name = "role_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID roleId;

    protected RoleAssignment() {}

    private RoleAssignment(String roleKey, UUID roleId) {
        this.roleKey = Objects.requireNonNull(roleKey);
        this.roleId = roleId;
    }

    public static RoleAssignment system(Role role) {
        return new RoleAssignment(role.key(), null);
    }

    public static RoleAssignment custom(UUID roleId, String key) {
        return new RoleAssignment(key, Objects.requireNonNull(roleId));
    }

    /** The role's key as clients see it. */
    public String key() {
        return roleKey;
    }

    /** The custom role's id; null for a system role. */
    public UUID customRoleId() {
        return roleId;
    }

    /**
     * The system role; null for a custom role, and for a custom role that was deleted while this
     * (revoked, expired or spent) record still named it.
     */
    public Role systemRole() {
        return roleId != null ? null : Role.byKey(roleKey);
    }

    /** True for the system role {@code role}. */
    public boolean is(Role role) {
        return systemRole() == role;
    }

    /** False only for a record whose custom role has since been deleted. */
    public boolean exists() {
        return roleId != null || systemRole() != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RoleAssignment that
                && roleKey.equals(that.roleKey)
                && Objects.equals(roleId, that.roleId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roleKey, roleId);
    }

    @Override
    public String toString() {
        return roleKey;
    }
}
