package io.orgbase.maintenance.batch;

import io.orgbase.logging.Logs;
import io.orgbase.maintenance.MaintenanceTask;
import io.orgbase.maintenance.control.MaintenanceRuns;
import io.orgbase.maintenance.control.MaintenanceWork;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs one maintenance run's task and records how it went. */
@Named("maintenanceBatchlet")
@Dependent
public class MaintenanceBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logs.get(MaintenanceBatchlet.class);

    @Inject
    @BatchProperty
    String runId;

    @Inject
    MaintenanceRuns runs;

    @Inject
    MaintenanceWork work;

    @Override
    public String process() {
        UUID id = UUID.fromString(runId);
        MaintenanceRuns.Run run = runs.get(id).orElseThrow(() -> new IllegalStateException("no maintenance run " + id));
        MaintenanceTask task = MaintenanceTask.of(run.task())
                .orElseThrow(() -> new IllegalStateException("no maintenance task " + run.task()));
        runs.running(id);
        try {
            long removed = work.perform(task);
            runs.completed(id, removed);
            LOG.fine(() -> "Maintenance " + task.key() + " removed " + removed);
            return "COMPLETED";
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Maintenance " + task.key() + " failed", e);
            runs.failed(id, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return "FAILED";
        }
    }
}
