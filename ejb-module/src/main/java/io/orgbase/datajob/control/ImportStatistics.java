package io.orgbase.datajob.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.persistence.config.QueryHints;

/**
 * Keeps the planner's statistics in step with an import: before the first unit and then every
 * {@value #EVERY} rows written, the collection's table and the staging table are analyzed (by the
 * owner's {@code orgbase_refresh_import_statistics}), in a transaction of their own so the lock
 * ANALYZE takes is held for moments. Without it the lookups of a unit's keys were planned for an
 * organization that has no rows yet, as scans of the whole organization.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImportStatistics {

    /** Smaller imports plan well enough on the statistics there are. */
    public static final long FROM_ROWS = 5_000;

    /** Rows written between two refreshes. */
    static final long EVERY = 20_000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** The step each job's statistics were last refreshed at (lost on restart: one refresh more). */
    private final Map<UUID, Long> refreshed = new ConcurrentHashMap<>();

    /** Refreshes them when the job has written {@value #EVERY} rows since the last time (or never did). */
    public void refreshIfDue(UUID jobId, String collection, long written) {
        long step = written / EVERY;
        Long last = refreshed.get(jobId);
        if (last != null && last >= step) {
            return;
        }
        if (refreshed.size() > 1000) {
            refreshed.clear();
        }
        refreshed.put(jobId, step);
        // ANALYZE waits for another ANALYZE or VACUUM of the table: better a unit on old estimates
        em.createNativeQuery("select set_config('lock_timeout', '2s', true)")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        em.createNativeQuery("select orgbase_refresh_import_statistics(?1)")
                .setParameter(1, collection)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }
}
