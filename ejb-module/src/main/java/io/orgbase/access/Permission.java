package io.orgbase.access;

import io.orgbase.persistence.RecordKind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a role may do inside an organization; the string form is the one clients see. */
public enum Permission {
    ORGANIZATION_READ("organization:read", "See the organization"),
    ORGANIZATION_WRITE("organization:write", "Rename the organization or change its slug"),
    ORGANIZATION_DELETE("organization:delete", "Delete the organization with everything it owns"),
    MEMBERS_READ("members:read", "List the members and their roles"),
    MEMBERS_WRITE("members:write", "Add, invite, suspend, re-role and remove members"),
    DEPARTMENTS_READ("departments:read", "See departments"),
    DEPARTMENTS_WRITE("departments:write", "Create, change, move and delete departments"),
    TEAMS_READ("teams:read", "See teams and their members"),
    TEAMS_WRITE("teams:write", "Create, change and delete teams and choose their members"),
    CONTACTS_READ("contacts:read", "See contacts"),
    CONTACTS_WRITE("contacts:write", "Create, change and delete contacts"),
    CATEGORIES_READ("categories:read", "See categories"),
    CATEGORIES_WRITE("categories:write", "Create, change, move and delete categories"),
    API_KEYS_READ("api-keys:read", "List the organization's API keys"),
    API_KEYS_WRITE("api-keys:write", "Create and revoke API keys"),
    ROLES_READ("roles:read", "See the organization's roles and what each grants"),
    ROLES_WRITE("roles:write", "Create, change and delete the organization's custom roles"),
    AUDIT_READ("audit:read", "Read and verify the organization's audit trail"),
    ANNOUNCEMENTS_SEND("announcements:send", "Send announcements to the organization's people"),
    DATA_JOBS_MANAGE("data-jobs:manage", "See, stop, restart and abandon everyone's imports and exports");

    private final String key;
    private final String description;

    Permission(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** Whether it changes something (everything but the {@code :read} permissions). */
    public boolean isWrite() {
        return !key.endsWith(":read");
    }

    /** The permission that reads records of this kind (their tags and custom fields included). */
    public static Permission toRead(RecordKind kind) {
        return switch (kind) {
            case ORGANIZATION -> ORGANIZATION_READ;
            case DEPARTMENT -> DEPARTMENTS_READ;
            case TEAM -> TEAMS_READ;
            case CONTACT -> CONTACTS_READ;
            case CATEGORY -> CATEGORIES_READ;
        };
    }

    /** The permission spelled {@code key}, if there is one. */
    public static Optional<Permission> byKey(String key) {
        for (Permission permission : values()) {
            if (permission.key.equals(key)) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }

    /** The permissions among {@code keys}; keys no longer in the catalogue are skipped. */
    public static Set<Permission> parse(Collection<String> keys) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        keys.forEach(key -> byKey(key).ifPresent(result::add));
        return result;
    }
}
