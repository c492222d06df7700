package io.orgbase.persistence;

import java.util.Locale;

/** The kinds of records that carry tags and custom fields, under the names the API and the database use. */
public enum RecordKind {
    ORGANIZATION,
    DEPARTMENT,
    TEAM,
    CONTACT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind spelled {@code key}, or null. */
    public static RecordKind byKey(String key) {
        for (RecordKind kind : values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        return null;
    }
}
