package io.orgbase.access;

import java.util.Locale;

/** System roles, from most to least powerful; every organization has them. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER,
    VIEWER;

    /** The name clients and the database use: lowercase. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The system role named {@code key}, or null when it names none. */
    public static Role byKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return role;
            }
        }
        return null;
    }
}
