package io.orgbase.datajob.control;

import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.datajob.DataJob;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * A job's own record as the batch runtime moves it: started, beating, ended. Runs in the job's
 * organization without a caller's check: these are the runtime's facts, which must be written
 * even when whoever started the job may no longer act there.
 */
@Stateless
@Audited
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobRecords {

    /** What a job's listener and steps need to know about it. */
    public record Facts(
            UUID orgId,
            String kind,
            String collection,
            String format,
            String status,
            String mode,
            boolean dryRun,
            String options,
            UUID inputFileId,
            UUID startedBy,
            boolean startedByKey) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    AuditTrail trail;

    /**
     * Marks the job running under this execution, on this member.
     *
     * @return the job, or null when it is abandoned or gone (the execution must not run)
     */
    public Facts begin(UUID orgId, UUID jobId, long executionId) {
        session.enterTenant(orgId, null);
        int changed = em.createNativeQuery("update data_job set status = 'running', execution_id = ?1, claimed_by = ?2,"
                        + " heartbeat_at = now(), started_at = coalesce(started_at, now()), failure = null,"
                        + " finished_at = null, version = version + 1"
                        + " where id = ?3 and status in ('queued', 'running')")
                .setParameter(1, executionId)
                .setParameter(2, Member.ID)
                .setParameter(3, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (changed == 0) {
            return null;
        }
        DataJob job = em.find(DataJob.class, jobId);
        em.refresh(job);
        return new Facts(
                orgId,
                job.getKind(),
                job.getCollection(),
                job.getFormat(),
                job.getStatus(),
                job.getMode(),
                job.isDryRun(),
                job.getOptions(),
                job.getInputFileId(),
                job.getCreatedBy(),
                job.isStartedByKey());
    }

    /** The execution the runtime gave a job as it was launched, recorded at once (no second launch). */
    public void started(UUID orgId, UUID jobId, long executionId) {
        session.enterTenant(orgId, null);
        em.createNativeQuery("update data_job set execution_id = ?1 where id = ?2 and execution_id is null")
                .setParameter(1, executionId)
                .setParameter(2, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** Keeps the job's lease while a long step (copying its file) commits nothing else. */
    public void beat(UUID orgId, UUID jobId) {
        session.enterTenant(orgId, null);
        em.createNativeQuery("update data_job set heartbeat_at = now(), claimed_by = ?1 where id = ?2")
                .setParameter(1, Member.ID)
                .setParameter(2, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /**
     * A step began ({@code STARTED}, no metrics) or ended: kept under its name in the job's {@code
     * steps}, with when it began and, once it ended, when and its metrics.
     */
    public void step(UUID orgId, UUID jobId, String name, String status, Map<String, Long> metrics) {
        session.enterTenant(orgId, null);
        boolean started = status.equals("STARTED");
        String entry = Json.createObjectBuilder()
                .add("status", status)
                .add("metrics", Json.createObjectBuilder(new LinkedHashMap<String, Object>(metrics)))
                .build()
                .toString();
        em.createNativeQuery("update data_job set steps = jsonb_set(steps, array[?1::text],"
                        + " (coalesce(steps->?1, '{}'::jsonb) - case when ?3 then 'endedAt' else '' end) || ?2::jsonb"
                        + " || jsonb_build_object(case when ?3 then 'startedAt' else 'endedAt' end, now()))"
                        // informational: never wait for a chunk's transaction that holds the row (skipped instead)
                        + " where id = (select id from data_job where id = ?4 for update skip locked)")
                .setParameter(1, name)
                .setParameter(2, entry)
                .setParameter(3, started)
                .setParameter(4, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** Why a step failed, kept for the job's record (the first reason wins). */
    public void failed(UUID orgId, UUID jobId, String failure) {
        session.enterTenant(orgId, null);
        em.createNativeQuery("update data_job set failure = coalesce(failure, ?1) where id = ?2")
                .setParameter(1, failure.length() > 2000 ? failure.substring(0, 2000) : failure)
                .setParameter(2, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /**
     * The execution ended. Its outcome is the job's record's, not the runtime's (whose status is not
     * final while listeners run, and differs between runtimes): completed when the last step reached
     * the end of the rows, stopped when asked to stop, failed otherwise. One audit entry (its event
     * tells whoever started it: {@code data-job.import-completed} and so on); the staged rows are dropped once the job is done with them.
     */
    public void ended(UUID orgId, UUID jobId, boolean stopRequested) {
        session.enterTenant(orgId, null);
        DataJob job = em.find(DataJob.class, jobId);
        if (job == null) {
            return;
        }
        em.refresh(job);
        if (job.getStatus().equals("abandoned") || job.getStatus().equals("completed")) {
            return;
        }
        String status = "done".equals(job.getPhase())
                ? "completed"
                : stopRequested || job.getStatus().equals("stopping") ? "stopped" : "failed";
        em.createNativeQuery("update data_job set status = ?1, finished_at = now(), heartbeat_at = null,"
                        + " claimed_by = null, version = version + 1 where id = ?2")
                .setParameter(1, status)
                .setParameter(2, jobId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (status.equals("completed")) {
            em.createNativeQuery("delete from data_job_row where job_id = ?1")
                    .setParameter(1, jobId)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
        }
        em.refresh(job);
        trail.record(job.getKind() + "-" + status, "data-job", jobId, summary(job), null);
    }

    /** What the audit entry and the notification say about a job. */
    public static Map<String, Object> summary(DataJob job) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", job.getKind());
        details.put("collection", job.getCollection());
        details.put("format", job.getFormat());
        if (job.getMode() != null) {
            details.put("mode", job.getMode());
        }
        details.put("dryRun", job.isDryRun());
        details.put("rows", job.getRowsRead());
        details.put("created", job.getRowsCreated());
        details.put("updated", job.getRowsUpdated());
        details.put("unchanged", job.getRowsUnchanged());
        details.put("failed", job.getRowsFailed());
        details.put("startedBy", job.getCreatedBy());
        if (job.getFailure() != null) {
            details.put("failure", job.getFailure());
        }
        return details;
    }
}
