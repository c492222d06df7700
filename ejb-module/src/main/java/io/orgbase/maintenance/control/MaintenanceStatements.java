package io.orgbase.maintenance.control;

import io.orgbase.identity.control.EmailTokens;
import io.orgbase.identity.control.SecretThrottle;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.persistence.config.QueryHints;

/** The maintenance that is one statement or two, each call in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MaintenanceStatements {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    SecretThrottle throttle;

    @Inject
    EmailTokens emailTokens;

    /** Expired throttle counts (action quotas among them) and expired email links. */
    public long signInThrottle() {
        return (long) throttle.purgeExpired() + emailTokens.purgeExpired();
    }

    public long idempotencyRecords() {
        return em.createNativeQuery("delete from idempotency_record where expires_at < now()")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** Finished data jobs past {@code keepDays}, at most {@code max} of them; how many went. */
    public long finishedDataJobs(int keepDays, int max) {
        return ((Number) em.createNativeQuery("select orgbase_purge_finished_data_jobs(?1, ?2)")
                        .setParameter(1, keepDays)
                        .setParameter(2, max)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .longValue();
    }
}
