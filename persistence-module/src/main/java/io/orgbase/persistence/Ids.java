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
}
