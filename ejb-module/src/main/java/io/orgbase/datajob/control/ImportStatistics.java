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
 * Keeps the planner's statistics in step with an import: before the first unit, after {@value
 * #EVERY} rows written and then whenever the rows written have grown fourfold (20,000, 80,000,
 * 320,000…: an ANALYZE costs about the same however large the table, and estimates need only be
 * right in their order of magnitude), the collection's table and the staging table are analyzed (by the
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

    /** Rows written before the second refresh. */
    static final long EVERY = 20_000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** The rows each job had written at its last refresh (lost on restart: one refresh more). */
    private final Map<UUID, Long> refreshed = new ConcurrentHashMap<>();

    /** Refreshes them when due: never refreshed, or four times the rows written since the last time. */
    public void refreshIfDue(UUID jobId, String collection, long written) {
        Long last = refreshed.get(jobId);
        if (last != null && written < Math.max(EVERY, 4 * last)) {
            return;
        }
        if (refreshed.size() > 1000) {
            refreshed.clear();
        }
        refreshed.put(jobId, written);
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
