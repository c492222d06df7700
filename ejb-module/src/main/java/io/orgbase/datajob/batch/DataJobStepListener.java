package io.orgbase.datajob.batch;

import io.orgbase.datajob.control.JobRecords;
import io.orgbase.logging.Logs;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each step on the job's record as it runs (status, times, the runtime's metrics), and why a
 * step failed, in words its owner can act on.
 */
@Named("dataJobStepListener")
@Dependent
public class DataJobStepListener implements StepListener {

    private static final Logger LOG = Logs.get(DataJobStepListener.class);

    @Inject
    StepContext step;

    @Inject
    JobScope scope;

    @Inject
    JobRecords records;

    @Override
    public void beforeStep() {
        records.step(scope.orgId(), scope.jobId(), step.getStepName(), "STARTED", Map.of());
    }

    @Override
    public void afterStep() {
        Map<String, Long> metrics = new LinkedHashMap<>();
        if (step.getMetrics() != null) {
            for (Metric metric : step.getMetrics()) {
                metrics.put(metric.getType().name(), metric.getValue());
            }
        }
        Exception failure = step.getException();
        records.step(
                scope.orgId(),
                scope.jobId(),
                step.getStepName(),
                // the runtime still says STARTED here (as in afterJob): the step's end is judged by what happened
                failure != null
                        ? "FAILED"
                        : step.getBatchStatus() == BatchStatus.STOPPING || step.getBatchStatus() == BatchStatus.STOPPED
                                ? "STOPPED"
                                : "COMPLETED",
                metrics);
        if (failure == null) {
            return;
        }
        LOG.log(Level.INFO, "Data job " + scope.jobId() + " failed in step " + step.getStepName(), failure);
        records.failed(scope.orgId(), scope.jobId(), Failures.describe(failure));
    }
}
