package io.orgbase.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class MaintenanceTaskTest {

    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse(time);
    }

    @Test
    void anHourlyTaskIsDueAtItsMinuteAndForTheGraceAfter() {
        MaintenanceTask task = MaintenanceTask.IDEMPOTENCY_RECORDS; // every hour at :41
        assertThat(task.dueAt(at("2026-12-04T10:41:00Z"))).contains(at("2026-12-04T10:41:00Z"));
        assertThat(task.dueAt(at("2026-12-04T10:50:59Z"))).contains(at("2026-12-04T10:41:00Z"));
        assertThat(task.dueAt(at("2026-12-04T10:51:00Z"))).isEmpty();
        assertThat(task.dueAt(at("2026-12-04T10:40:59Z"))).isEmpty();
        assertThat(task.latestSlot(at("2026-12-04T10:40:00Z"))).isEqualTo(at("2026-12-04T09:41:00Z"));
    }

    @Test
    void aDailyTaskIsDueOnceADayInUtc() {
        MaintenanceTask task = MaintenanceTask.AUDIT_RETENTION; // every day at 03:17 UTC
        assertThat(task.dueAt(at("2026-12-04T03:17:30Z"))).contains(at("2026-12-04T03:17:00Z"));
        assertThat(task.dueAt(at("2026-12-04T04:17:00+01:00"))).contains(at("2026-12-04T03:17:00Z"));
        assertThat(task.dueAt(at("2026-12-04T04:17:00Z"))).isEmpty();
        assertThat(task.latestSlot(at("2026-12-04T03:16:00Z"))).isEqualTo(at("2026-12-03T03:17:00Z"));
    }
}
