package io.orgbase.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** A role as it applies to one request: the role held and every permission it grants, inherited ones included. */
public record RoleGrant(RoleAssignment role, Set<Permission> permissions) {

    public RoleGrant {
        permissions = permissions.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Permission.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    public static RoleGrant system(Role role) {
        return new RoleGrant(RoleAssignment.system(role), RolePermissions.of(role));
    }

    public boolean permits(Permission permission) {
        return permissions.contains(permission);
    }
}
