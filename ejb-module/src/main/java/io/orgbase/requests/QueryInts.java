package io.orgbase.requests;

import io.orgbase.problems.InvalidInput;

/** Integer query parameters, parsed here so a bad value is a 400 naming the parameter. */
public final class QueryInts {

    private QueryInts() {}

    /** @throws InvalidInput when the value is not an integer within [min, max] */
    public static int parse(String name, String value, int fallback, int min, int max) {
        return (int) parseLong(name, value, fallback, min, max);
    }

    /** @throws InvalidInput when the value is not an integer within [min, max] */
    public static long parseLong(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < min || parsed > max) {
                throw InvalidInput.field(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw InvalidInput.field(name, "must be an integer");
        }
    }
}
