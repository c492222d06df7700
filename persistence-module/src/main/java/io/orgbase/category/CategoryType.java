package io.orgbase.category;

import java.util.Locale;

/** What a category classifies; a category's children may be of any type. */
public enum CategoryType {
    PRODUCT,
    DOCUMENT,
    ASSET,
    COST_CENTRE,
    OTHER;

    /** The name the API and the database use: {@code cost-centre}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type spelled {@code key}, or null. */
    public static CategoryType byKey(String key) {
        for (CategoryType type : values()) {
            if (type.key().equals(key)) {
                return type;
            }
        }
        return null;
    }
}
