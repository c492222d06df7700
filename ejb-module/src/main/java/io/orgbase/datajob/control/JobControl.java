package io.orgbase.datajob.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;
import java.util.UUID;

/** The batch runtime's operator, for data jobs: start, stop, restart, abandon one execution. */
@ApplicationScoped
public class JobControl {

    public static final String IMPORT_JOB = "orgbase-import";

    public static final String EXPORT_JOB = "orgbase-export";

    /** The batch job that runs a data job of this kind ({@code import}, {@code export}). */
    public static String jobName(String kind) {
        return kind.equals("export") ? EXPORT_JOB : IMPORT_JOB;
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    private static Properties parameters(UUID orgId, UUID jobId) {
        Properties parameters = new Properties();
        parameters.setProperty("dataJobId", jobId.toString());
        parameters.setProperty("orgId", orgId.toString());
        return parameters;
    }

    /** @return the new execution's id */
    public long start(String jobName, UUID orgId, UUID jobId) {
        return operator().start(jobName, parameters(orgId, jobId));
    }

    /**
     * Runs the job again from where its record stands. An execution left STARTED by a member that
     * died is restarted as it is (jbatch accepts that; JBeret needs {@code jberet.restart.mode=force},
     * which jbatch ignores).
     */
    public long restart(UUID orgId, UUID jobId, long executionId) {
        Properties parameters = parameters(orgId, jobId);
        parameters.setProperty("jberet.restart.mode", "force");
        return operator().restart(executionId, parameters);
    }

    public void stop(long executionId) {
        operator().stop(executionId);
    }

    /** Abandons a stopped or failed execution; one the runtime still counts as running stays as it is. */
    public void abandon(long executionId) {
        try {
            operator().abandon(executionId);
        } catch (jakarta.batch.operations.JobExecutionIsRunningException e) {
            // a dead member's execution: the job's record is what counts
        }
    }
}
