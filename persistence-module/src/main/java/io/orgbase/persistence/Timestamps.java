package io.orgbase.persistence;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Timestamps read through native SQL, which answer in whichever type the driver path chose. */
public final class Timestamps {

    private Timestamps() {}

    /** A {@code timestamptz} column: an {@code OffsetDateTime}, a {@code Timestamp} or its text. */
    public static OffsetDateTime of(Object column) {
        if (column instanceof OffsetDateTime offset) {
            return offset;
        }
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(column.toString());
    }
}
