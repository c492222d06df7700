package io.orgbase.maintenance.control;

import io.orgbase.logging.Logs;
import io.orgbase.maintenance.MaintenanceTask;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every minute, on every cluster member: the tasks due this minute are claimed, and the member that
 * claims one starts its batch job. A run an operator asks for starts the same way.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceSchedule {

    public static final String JOB = "orgbase-maintenance";

    private static final Logger LOG = Logs.get(MaintenanceSchedule.class);

    @Inject
    MaintenanceRuns runs;

    /**
     * Each task's latest slot is claimed for {@link MaintenanceTask#GRACE} after it fell due, so a
     * timer that fires late still runs it; the slot's row makes sure it runs once.
     */
    @Schedule(hour = "*", minute = "*", persistent = false, timezone = "UTC", info = "maintenance")
    void everyMinute() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            runs.failStale();
            for (MaintenanceTask task : MaintenanceTask.values()) {
                task.dueAt(now).ifPresent(slot -> launch(task, slot, "schedule", null));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The maintenance schedule failed; it looks again in a minute", e);
        }
    }

    /**
     * Claims the task's run for the slot and starts its job.
     *
     * @return the run, or empty when another member claimed the slot or a run of the task is unfinished
     */
    public Optional<UUID> launch(MaintenanceTask task, OffsetDateTime slot, String trigger, UUID requestedBy) {
        Optional<UUID> claimed = runs.claim(task, slot, trigger, requestedBy);
        claimed.ifPresent(id -> {
            Properties parameters = new Properties();
            parameters.setProperty("runId", id.toString());
            try {
                runs.started(id, BatchRuntime.getJobOperator().start(JOB, parameters));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not start maintenance " + task.key(), e);
                runs.failed(id, "the batch runtime did not start it: " + e.getMessage());
            }
        });
        return claimed;
    }
}
