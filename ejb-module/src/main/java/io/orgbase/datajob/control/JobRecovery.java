package io.orgbase.datajob.control;

import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/** The database side of taking over jobs whose member died. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobRecovery {

    /** A job taken over: its organization, kind, last execution (null: it never began) and status. */
    public record Orphan(UUID jobId, UUID orgId, String kind, Long executionId, String status) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /**
     * Claims jobs whose lease ran out, and those of an earlier process of this installation.
     *
     * @param sameHome whether to take over this installation's earlier processes' jobs at once
     */
    public List<Orphan> claim(boolean sameHome, int leaseSeconds) {
        List<?> rows = em.createNativeQuery(
                        "select id, org_id, kind, execution_id, status from orgbase_data_job_take_over(?1, ?2, ?3)")
                .setParameter(1, Member.ID)
                .setParameter(2, sameHome ? Member.HOME : null)
                .setParameter(3, leaseSeconds)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new Orphan(
                        io.orgbase.persistence.Ids.of(row[0]),
                        io.orgbase.persistence.Ids.of(row[1]),
                        (String) row[2],
                        row[3] == null ? null : ((Number) row[3]).longValue(),
                        (String) row[4]))
                .toList();
    }

    /** Queued jobs that never began (the start after their commit was lost) for longer than the lease. */
    public List<Orphan> unstarted(int leaseSeconds) {
        List<?> rows = em.createNativeQuery("select id, org_id, kind from orgbase_data_job_unstarted(?1, ?2)")
                .setParameter(1, Member.ID)
                .setParameter(2, leaseSeconds)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.stream()
                .map(Object[].class::cast)
                .map(row -> new Orphan(
                        io.orgbase.persistence.Ids.of(row[0]),
                        io.orgbase.persistence.Ids.of(row[1]),
                        (String) row[2],
                        null,
                        "queued"))
                .toList();
    }

    /** Deletes up to {@code max} expired files of any organization; how many went. */
    public long purgeExpiredFiles(int max) {
        return ((Number) em.createNativeQuery("select orgbase_purge_expired_files(?1)")
                        .setParameter(1, max)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .longValue();
    }

    /** A job that was stopping when its member died has stopped. */
    public void stopped(Orphan orphan) {
        set(orphan, "stopped", null);
    }

    /** A job that cannot be resumed has failed, for this reason. */
    public void failed(Orphan orphan, String reason) {
        set(orphan, "failed", reason);
    }

    private void set(Orphan orphan, String status, String reason) {
        session.enterTenant(orphan.orgId(), null);
        em.createNativeQuery("update data_job set status = ?1, failure = coalesce(?2, failure), finished_at = now(),"
                        + " heartbeat_at = null, claimed_by = null, version = version + 1 where id = ?3")
                .setParameter(1, status)
                .setParameter(2, reason)
                .setParameter(3, orphan.jobId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }
}
