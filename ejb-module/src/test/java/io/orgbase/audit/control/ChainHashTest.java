package io.orgbase.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    private static final UUID ID = UUID.fromString("0190d1a4-0000-7000-8000-000000000001");
    private static final UUID CHAIN = UUID.fromString("0190d1a4-0000-7000-8000-000000000002");
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 21, 3, 0, 0, 123_456_000, ZoneOffset.UTC);

    private static ChainHash.Row row(String action, String entityType, String changes, String previous) {
        return new ChainHash.Row(
                ID,
                CHAIN,
                7,
                AT,
                action,
                entityType,
                "e-1",
                changes,
                "user",
                null,
                "a@b.example",
                "10.0.0.1",
                "ua",
                "r-1",
                previous);
    }

    @Test
    void theSameEntryAlwaysHashesTheSame() {
        assertThat(ChainHash.of(row("update", "department", "{}", ChainHash.GENESIS)))
                .isEqualTo(ChainHash.of(row("update", "department", "{}", ChainHash.GENESIS)))
                .hasSize(64);
    }

    @Test
    void anyChangedFieldOrPredecessorChangesTheHash() {
        String original = ChainHash.of(row("update", "department", "{}", ChainHash.GENESIS));
        assertThat(ChainHash.of(row("delete", "department", "{}", ChainHash.GENESIS)))
                .isNotEqualTo(original);
        assertThat(ChainHash.of(row("update", "department", "{\"a\":1}", ChainHash.GENESIS)))
                .isNotEqualTo(original);
        assertThat(ChainHash.of(row("update", "department", "{}", "1".repeat(64))))
                .isNotEqualTo(original);
        assertThat(ChainHash.of(row("update", "department", null, ChainHash.GENESIS)))
                .isNotEqualTo(original);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // "up" + "datedepartment" must not hash like "update" + "department"
        assertThat(ChainHash.of(row("up", "datedepartment", "{}", ChainHash.GENESIS)))
                .isNotEqualTo(ChainHash.of(row("update", "department", "{}", ChainHash.GENESIS)));
    }

    @Test
    void timeCountsToTheMicrosecondPostgresqlKeeps() {
        assertThat(ChainHash.micros(AT)).isEqualTo(AT.toEpochSecond() * 1_000_000 + 123_456);
    }
}
