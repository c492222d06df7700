package io.orgbase.collections;

/** One sort key: a field, ascending unless {@code descending}. */
public record Sort(String field, boolean descending) {

    /** {@code name} or {@code -createdAt}. */
    @Override
    public String toString() {
        return (descending ? "-" : "") + field;
    }
}
