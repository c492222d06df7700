package io.orgbase.messaging;

import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.persistence.config.QueryHints;

/**
 * Applies an event to one handler in a new transaction: remembers the event id first (a second
 * delivery finds it and does nothing), then enters the event's organization as a boundary does.
 */
@Stateless
public class HandlerRunner {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /** @return false when the handler had already applied this event */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean apply(EventHandler handler, Event event) {
        int fresh = em.createNativeQuery(
                        "insert into processed_event (consumer, event_id) values (?1, ?2)" + " on conflict do nothing")
                .setParameter(1, handler.name())
                .setParameter(2, event.id())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (fresh == 0) {
            return false;
        }
        if (event.orgId() != null) {
            session.enterTenant(event.orgId(), null);
        }
        handler.handle(event);
        em.flush();
        return true;
    }
}
