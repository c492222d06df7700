package io.orgbase.maintenance;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The platform's maintenance: what each task removes and when it is due (UTC). Hourly tasks (hour
 * -1) are due at their minute of every hour, daily ones at their hour and minute.
 */
public enum MaintenanceTask {
    AUDIT_RETENTION("audit-retention", "Audit entries older than their organization's retention", 3, 17),
    SIGN_IN_THROTTLE("sign-in-throttle", "Expired sign-in throttle counts, action quotas and email links", -1, 23),
    IDEMPOTENCY_RECORDS("idempotency-records", "Expired idempotency records", -1, 41),
    DATA_JOB_FILES("data-job-files", "Expired uploads and export results, an hour after they expire", -1, 47),
    DATA_JOB_RETENTION(
            "data-job-retention",
            "Finished data jobs older than ORGBASE_DATA_JOB_RETENTION_DAYS, with their rows, errors and files",
            2,
            53),
    MAIL_RETENTION("mail-retention", "Sent and failed mail older than its retention", 4, 37),
    PROCESSED_EVENTS("processed-events", "Receipts of events their consumers applied", 4, 27);

    private final String key;
    private final String description;
    private final int hour;
    private final int minute;

    MaintenanceTask(String key, String description, int hour, int minute) {
        this.key = key;
        this.description = description;
        this.hour = hour;
        this.minute = minute;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** When it runs, in words. */
    public String schedule() {
        return hour < 0
                ? String.format("every hour at minute %02d (UTC)", minute)
                : String.format("every day at %02d:%02d UTC", hour, minute);
    }

    /** How late a slot may still be claimed (a timer delayed by a pause or a deployment). */
    public static final Duration GRACE = Duration.ofMinutes(10);

    /** The latest time the task was due at or before {@code now} (UTC). */
    public OffsetDateTime latestSlot(OffsetDateTime now) {
        OffsetDateTime utc = now.withOffsetSameInstant(ZoneOffset.UTC);
        if (hour < 0) {
            OffsetDateTime slot = utc.truncatedTo(ChronoUnit.HOURS).withMinute(minute);
            return slot.isAfter(utc) ? slot.minusHours(1) : slot;
        }
        OffsetDateTime slot = utc.truncatedTo(ChronoUnit.DAYS).withHour(hour).withMinute(minute);
        return slot.isAfter(utc) ? slot.minusDays(1) : slot;
    }

    /** The slot to claim now, if the task fell due within the last {@link #GRACE}. */
    public Optional<OffsetDateTime> dueAt(OffsetDateTime now) {
        OffsetDateTime slot = latestSlot(now);
        return Duration.between(slot, now).compareTo(GRACE) < 0 ? Optional.of(slot) : Optional.empty();
    }

    public static Optional<MaintenanceTask> of(String key) {
        for (MaintenanceTask task : values()) {
            if (task.key.equals(key)) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }
}
