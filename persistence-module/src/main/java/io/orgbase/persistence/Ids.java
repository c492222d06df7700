package io.orgbase.persistence;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/** Primary keys: UUID version 7, so that new rows land at the right end of the key indexes. */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** A uuid column read through native SQL (the driver answers UUID; other paths a string). */
    public static UUID of(Object column) {
        return column instanceof UUID id ? id : UUID.fromString(column.toString());
    }
}
