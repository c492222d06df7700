package io.orgbase.category;

import io.orgbase.persistence.Keyed;
import java.util.Locale;

/** What a category classifies; a category's children may be of any type. */
public enum CategoryType implements Keyed {
    PRODUCT,
    DOCUMENT,
    ASSET,
    COST_CENTRE,
    OTHER;

    /** The name the API and the database use: {@code cost-centre}. */
    @Override
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type spelled {@code key}, or null. */
    public static CategoryType byKey(String key) {
        return Keyed.byKey(CategoryType.class, key);
    }
}
