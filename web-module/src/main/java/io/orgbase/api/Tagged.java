package io.orgbase.api;

/**
 * A representation of a versioned row: {@link ETags} sends its version as the {@code ETag}, and
 * answers a matching {@code If-None-Match} with 304.
 */
public interface Tagged {

    /** The row's version; null when the representation has none (a system role). */
    Long etagVersion();
}
