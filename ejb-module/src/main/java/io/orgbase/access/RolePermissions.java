package io.orgbase.access;

import static io.orgbase.access.Permission.ANNOUNCEMENTS_SEND;
import static io.orgbase.access.Permission.API_KEYS_READ;
import static io.orgbase.access.Permission.API_KEYS_WRITE;
import static io.orgbase.access.Permission.AUDIT_READ;
import static io.orgbase.access.Permission.CATEGORIES_READ;
import static io.orgbase.access.Permission.CATEGORIES_WRITE;
import static io.orgbase.access.Permission.CONTACTS_READ;
import static io.orgbase.access.Permission.CONTACTS_WRITE;
import static io.orgbase.access.Permission.DATA_JOBS_MANAGE;
import static io.orgbase.access.Permission.DEPARTMENTS_READ;
import static io.orgbase.access.Permission.DEPARTMENTS_WRITE;
import static io.orgbase.access.Permission.MEMBERS_READ;
import static io.orgbase.access.Permission.MEMBERS_WRITE;
import static io.orgbase.access.Permission.ORGANIZATION_READ;
import static io.orgbase.access.Permission.ORGANIZATION_WRITE;
import static io.orgbase.access.Permission.ROLES_READ;
import static io.orgbase.access.Permission.ROLES_WRITE;
import static io.orgbase.access.Permission.TEAMS_READ;
import static io.orgbase.access.Permission.TEAMS_WRITE;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The permissions each system role grants. */
public final class RolePermissions {

    private static final Map<Role, Set<Permission>> GRANTS = Map.of(
            Role.OWNER, EnumSet.allOf(Permission.class),
            Role.ADMIN,
                    EnumSet.of(
                            ORGANIZATION_READ,
                            ORGANIZATION_WRITE,
                            MEMBERS_READ,
                            MEMBERS_WRITE,
                            DEPARTMENTS_READ,
                            DEPARTMENTS_WRITE,
                            TEAMS_READ,
                            TEAMS_WRITE,
                            CONTACTS_READ,
                            CONTACTS_WRITE,
                            CATEGORIES_READ,
                            CATEGORIES_WRITE,
                            API_KEYS_READ,
                            API_KEYS_WRITE,
                            ROLES_READ,
                            ROLES_WRITE,
                            AUDIT_READ,
                            ANNOUNCEMENTS_SEND,
                            DATA_JOBS_MANAGE),
            Role.MEMBER,
                    EnumSet.of(
                            ORGANIZATION_READ,
                            MEMBERS_READ,
                            DEPARTMENTS_READ,
                            TEAMS_READ,
                            CONTACTS_READ,
                            CATEGORIES_READ,
                            ROLES_READ),
            Role.VIEWER, EnumSet.of(ORGANIZATION_READ, DEPARTMENTS_READ, TEAMS_READ, CATEGORIES_READ));

    private RolePermissions() {}

    public static boolean grants(Role role, Permission permission) {
        return role != null && GRANTS.get(role).contains(permission);
    }

    public static Set<Permission> of(Role role) {
        return EnumSet.copyOf(GRANTS.get(role));
    }

    static {
        // Fail at class load, not at the first request, if a new role is added without grants.
        for (Role role : Role.values()) {
            if (!GRANTS.containsKey(role)) {
                throw new ExceptionInInitializerError("no permissions declared for role " + role);
            }
        }
    }
}
