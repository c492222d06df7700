package io.orgbase.messaging;

import io.orgbase.database.AfterCommit;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import org.eclipse.persistence.config.QueryHints;

/**
 * Appends events to the outbox in the current transaction: they are published when, and only when,
 * it commits. The relay is woken right after the commit; its sweep finds whatever a crash left.
 */
@Dependent
public class Outbox {

    private static final Object KICK_REGISTERED = Outbox.class.getName() + ".kick";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxRelay relay;

    /** Publishes {@code event} to every consumer once the transaction commits. */
    public void publish(Event event) {
        insert(event, null, 0, null);
    }

    /** Hands {@code event} to one consumer again, after {@code delay}, as its attempt {@code attempt}. */
    void retry(Event event, String consumer, int attempt, Duration delay) {
        insert(event, consumer, attempt, delay);
    }

    private void insert(Event event, String consumer, int attempt, Duration delay) {
        em.createNativeQuery("insert into outbox_event (event_id, org_id, type, envelope, consumer, attempt,"
                        + " available_at) values (?1, ?2, ?3, ?4, ?5, ?6, now() + ?7 * interval '1 millisecond')")
                .setParameter(1, event.id())
                .setParameter(2, event.orgId())
                .setParameter(3, event.type())
                .setParameter(4, event.toJson())
                .setParameter(5, consumer)
                .setParameter(6, attempt)
                .setParameter(7, delay == null ? 0L : delay.toMillis())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        wakeRelayAfterCommit(delay == null);
    }

    private void wakeRelayAfterCommit(boolean due) {
        if (due) {
            OutboxRelay woken = relay;
            afterCommit.once(KICK_REGISTERED, woken::kick);
        }
    }
}
