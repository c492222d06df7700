package io.orgbase.persistence;

/**
 * A value with the name the API and the database give it ({@code cost-centre} for
 * {@code COST_CENTRE}). Enums that implement it are validated by their keys and listed in the API
 * contract from the code, so that their values are written once.
 */
public interface Keyed {

    String key();

    /** The constant of {@code type} spelled {@code key}, or null. */
    static <E extends Enum<E> & Keyed> E byKey(Class<E> type, String key) {
        for (E value : type.getEnumConstants()) {
            if (value.key().equals(key)) {
                return value;
            }
        }
        return null;
    }

    /** The keys of {@code type}, in declaration order. */
    static java.util.List<String> keys(Class<? extends Keyed> type) {
        if (!type.isEnum()) {
            throw new IllegalArgumentException(type.getName() + " is not an enum: its keys are not a closed set");
        }
        return java.util.Arrays.stream(type.getEnumConstants()).map(Keyed::key).toList();
    }
}
