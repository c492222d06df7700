package io.orgbase.messaging;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * One step of the relay, in a transaction of its own: takes due outbox rows, publishes them and
 * commits. Rows are deleted by that commit only, after the broker accepted them: a failure or a
 * crash in between leaves them for the next step (a consumer may then see an event twice, and
 * ignores it by id).
 */
@Stateless
public class OutboxBatch {

    /** An outbox row as taken. */
    public record Row(long seq, UUID eventId, UUID orgId, String type, String envelope, String consumer, int attempt) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @EJB
    JmsPublisher publisher;

    /** Deletes consumers' receipts older than {@code days}; returns how many went. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int forgetProcessedBefore(int days) {
        return em.createNativeQuery(
                        "delete from processed_event where processed_at < now() - make_interval(days => ?1)")
                .setParameter(1, days)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** @return how many rows were published */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int publishNext(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> taken = em.createNativeQuery(
                        "select seq, event_id, org_id, type, envelope, consumer, attempt from orgbase_outbox_take(?1)")
                .setParameter(1, limit)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (taken.isEmpty()) {
            return 0;
        }
        List<Row> rows = taken.stream()
                .map(row -> new Row(
                        ((Number) row[0]).longValue(),
                        (UUID) row[1],
                        (UUID) row[2],
                        (String) row[3],
                        (String) row[4],
                        (String) row[5],
                        ((Number) row[6]).intValue()))
                .toList();
        publisher.send(rows);
        return rows.size();
    }
}
