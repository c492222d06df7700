package io.orgbase.datajob.batch;

import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.control.JobRecords;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps the job's record in step with its executions: running when one begins, its end when it ends. */
@Named("dataJobListener")
@Dependent
public class DataJobListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(DataJobListener.class.getName());

    @Inject
    JobContext context;

    @Inject
    JobScope scope;

    @Inject
    JobRecords records;

    @Override
    public void beforeJob() {
        JobRecords.Facts facts = records.begin(scope.orgId(), scope.jobId(), context.getExecutionId());
        if (facts == null) {
            throw new JobFailure("the job was abandoned");
        }
        context.setTransientUserData(facts);
    }

    @Override
    public void afterJob() {
        try {
            if (context.getTransientUserData() instanceof JobRecords.Facts facts
                    && facts.kind().equals("export")) {
                Files.deleteIfExists(ExportFiles.local(scope.jobId(), ExportOutput.Format.of(facts.format())));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the local file of export " + scope.jobId(), e);
        }
        BatchStatus status = context.getBatchStatus();
        records.ended(scope.orgId(), scope.jobId(), status == BatchStatus.STOPPING || status == BatchStatus.STOPPED);
    }
}
