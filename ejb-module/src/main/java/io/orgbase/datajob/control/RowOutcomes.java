package io.orgbase.datajob.control;

import jakarta.ejb.SessionContext;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/** How a row written in a transaction of its own ends that transaction. */
final class RowOutcomes {

    private RowOutcomes() {}

    /**
     * Marks the staged row with what writing it did, in the row's transaction (so that a resumed
     * unit skips it); in a dry run, has the transaction rolled back instead.
     *
     * @return the outcome
     */
    static String finish(
            SessionContext context, EntityManager em, UUID jobId, long rowNo, String outcome, boolean dryRun) {
        if (dryRun) {
            context.setRollbackOnly();
        } else {
            em.createNativeQuery("update data_job_row set outcome = ?1 where job_id = ?2 and row_no = ?3")
                    .setParameter(1, outcome)
                    .setParameter(2, jobId)
                    .setParameter(3, rowNo)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
        }
        return outcome;
    }
}
