package io.orgbase.datajob.batch;

import io.orgbase.datajob.ExportFiles;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.control.JobRecords;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Keeps the job's record in step with its executions: running when one begins, its end when it ends. */
@Named("dataJobListener")
@Dependent
public class DataJobListener implements JobListener {

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
        ExportFiles.forget(scope.jobId());
        BatchStatus status = context.getBatchStatus();
        records.ended(scope.orgId(), scope.jobId(), status == BatchStatus.STOPPING || status == BatchStatus.STOPPED);
    }
}
