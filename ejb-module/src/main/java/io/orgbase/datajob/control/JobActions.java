package io.orgbase.datajob.control;

import io.orgbase.database.AfterCommit;
import io.orgbase.datajob.DataJob;
import io.orgbase.datajob.DataJobLimits;
import io.orgbase.logging.Logs;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.TooManyRequests;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.config.QueryHints;

/**
 * What an owner or a platform administrator does to a job — stop, restart, abandon — once the
 * caller's right to do it is checked and the job's organization entered: the job's record changes
 * in the caller's transaction, and the batch runtime is told after it commits.
 */
@Stateless
public class JobActions {

    private static final Logger LOG = Logs.get(JobActions.class);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    AfterCommit afterCommit;

    @Inject
    JobControl control;

    @Inject
    JobRecords records;

    /** The job, locked for the rest of the transaction, as it stands now. */
    public DataJob locked(DataJob job) {
        em.lock(job, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(job);
        return job;
    }

    /**
     * Jobs are started one at a time per organization (a transaction lock), so that neither limit can
     * be passed by starting many at once.
     *
     * @param starter whose own limit applies too (null: only the organization's, as for a restart)
     * @throws TooManyRequests when the starter, or the organization, has as many unfinished jobs as allowed
     */
    public void checkCapacity(UUID orgId, UUID starter, boolean byKey) {
        session.lock("data-jobs:" + orgId);
        Object[] active = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where created_by = ?1"
                        + " and started_by_key = ?2) from data_job where org_id = ?3"
                        + " and status in ('queued', 'running', 'stopping')")
                .setParameter(1, starter)
                .setParameter(2, byKey)
                .setParameter(3, orgId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        long organization = ((Number) active[0]).longValue();
        long own = ((Number) active[1]).longValue();
        if (starter != null && own >= DataJobLimits.activePerCaller()) {
            throw new TooManyRequests(
                    "You have " + own + " data jobs queued or running; start another when one has finished.", 30);
        }
        if (organization >= DataJobLimits.activePerOrganization()) {
            throw new TooManyRequests(
                    "This organization has " + organization + " data jobs queued or running; start another when one"
                            + " has finished.",
                    30);
        }
    }

    /** @throws Conflict when the (locked) job does not run */
    public void stop(DataJob job) {
        if (!job.isActive()) {
            throw new Conflict("The job is " + job.getStatus() + "; only a queued or running job can be stopped.");
        }
        Long execution = job.getExecutionId();
        job.setStatus(execution == null ? "stopped" : "stopping");
        em.flush();
        UUID id = job.getId();
        if (execution != null) {
            afterCommit.once("data-job-stop:" + id, () -> {
                try {
                    control.stop(execution);
                } catch (RuntimeException e) {
                    LOG.log(Level.INFO, "Stopping data job " + id + ": " + e.getMessage());
                }
            });
        }
    }

    /** Runs a stopped or failed (locked) job again, from where it stands. @throws Conflict otherwise */
    public void restart(UUID orgId, DataJob job) {
        if (!job.getStatus().equals("stopped") && !job.getStatus().equals("failed")) {
            throw new Conflict("The job is " + job.getStatus() + "; only a stopped or failed job can be restarted.");
        }
        checkCapacity(orgId, null, false);
        job.setStatus("queued");
        em.flush();
        UUID id = job.getId();
        String jobName = JobControl.jobName(job.getKind());
        Long execution = job.getExecutionId();
        afterCommit.once("data-job-restart:" + id, () -> {
            try {
                if (execution == null) {
                    control.start(jobName, orgId, id);
                } else {
                    control.restart(orgId, id, execution);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not restart data job " + id, e);
                records.failed(orgId, id, "the job could not be restarted: " + e.getMessage());
                records.ended(orgId, id, false);
            }
        });
    }

    /**
     * Gives a stopped or failed (locked) job up for good; what it staged is dropped, what it applied
     * stays. @throws Conflict when it runs, or is done
     */
    public void abandon(DataJob job) {
        if (!job.getStatus().equals("stopped") && !job.getStatus().equals("failed")) {
            throw new Conflict("The job is " + job.getStatus() + "; stop it first (a finished job stays as it is).");
        }
        job.setStatus("abandoned");
        job.setFinishedAt(OffsetDateTime.now(ZoneOffset.UTC));
        UUID id = job.getId();
        em.createNativeQuery("delete from data_job_row where job_id = ?1")
                .setParameter(1, id)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        em.flush();
        Long execution = job.getExecutionId();
        if (execution != null) {
            afterCommit.once("data-job-abandon:" + id, () -> {
                try {
                    control.abandon(execution);
                } catch (RuntimeException e) {
                    LOG.log(Level.INFO, "Abandoning data job " + id + ": " + e.getMessage());
                }
            });
        }
    }
}
