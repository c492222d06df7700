package io.orgbase.access;

/** What a role may do inside an organization; the string form is the one clients see. */
public enum Permission {
    ORGANIZATION_READ("organization:read"),
    ORGANIZATION_WRITE("organization:write"),
    ORGANIZATION_DELETE("organization:delete"),
    MEMBERS_READ("members:read"),
    MEMBERS_WRITE("members:write"),
    DEPARTMENTS_READ("departments:read"),
    DEPARTMENTS_WRITE("departments:write");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
