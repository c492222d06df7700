package io.orgbase.datajob.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Properties;
import java.util.UUID;

/**
 * The batch runtime's operator, for data jobs: start, stop, restart, abandon one execution.
 *
 * <p>An enterprise bean so that every call runs in the EJB module's component invocation: Payara
 * tags a job with the application name of the component that started it ({@code
 * server-config:orgbase}, but {@code server-config:orgbase_/} from the web module of the EAR) and
 * lets only the same tag restart or stop it. Jobs started after a request's commit carried the web
 * tag, and the recovery timer (an EJB) was refused with a JobSecurityException after a crash.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
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
