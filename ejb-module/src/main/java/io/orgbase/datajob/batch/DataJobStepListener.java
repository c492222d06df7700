package io.orgbase.datajob.batch;

import io.orgbase.datajob.control.JobRecords;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps why a step failed on the job's record, in words its owner can act on. */
@Named("dataJobStepListener")
@Dependent
public class DataJobStepListener implements StepListener {

    private static final Logger LOG = Logger.getLogger(DataJobStepListener.class.getName());

    @Inject
    StepContext step;

    @Inject
    JobScope scope;

    @Inject
    JobRecords records;

    @Override
    public void beforeStep() {}

    @Override
    public void afterStep() {
        Exception failure = step.getException();
        if (failure == null) {
            return;
        }
        LOG.log(Level.INFO, "Data job " + scope.jobId() + " failed in step " + step.getStepName(), failure);
        records.failed(scope.orgId(), scope.jobId(), Failures.describe(failure));
    }
}
