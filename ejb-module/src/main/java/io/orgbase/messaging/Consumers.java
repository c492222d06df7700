package io.orgbase.messaging;

import io.orgbase.logging.Logs;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Applies one message to the consumers that want it, each on its own, and books their failures. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Consumers {

    private static final Logger LOG = Logs.get(Consumers.class);

    /** The consumer an unreadable message is booked under: no handler could take it. */
    static final String UNREADABLE = "orgbase.unreadable";

    @Inject
    @Any
    Instance<EventHandler> handlers;

    @EJB
    HandlerRunner runner;

    @EJB
    DeliveryFailures failures;

    /**
     * @param consumer the one consumer a retry is for; null for all
     * @param attempt how many attempts came before this one
     */
    public void deliver(String text, String consumer, int attempt) {
        Event event;
        try {
            event = Event.parse(text);
        } catch (Event.Unreadable unreadable) {
            failures.refused(null, text, UNREADABLE, attempt, unreadable.getMessage());
            return;
        }
        boolean found = false;
        for (EventHandler handler : handlers) {
            if (consumer != null ? !consumer.equals(handler.name()) : !handler.handles(event.type())) {
                continue;
            }
            found = true;
            if (handler.needsOrganization() && event.orgId() == null) {
                failures.refused(event, text, handler.name(), attempt, "refused: the event names no organization");
                continue;
            }
            try {
                runner.apply(handler, event);
            } catch (RuntimeException failure) {
                String error = describe(failure);
                LOG.log(
                        Level.FINE,
                        failure,
                        () -> handler.name() + " failed on " + event.type() + " " + event.id() + ": " + error);
                failures.failed(event, handler.name(), attempt, error);
            }
        }
        if (consumer != null && !found) {
            // a retry for a consumer this version does not have (renamed, removed): kept, not lost
            failures.refused(event, text, consumer, attempt, "refused: no consumer named " + consumer);
        }
    }

    /** The innermost message: the container wraps what a handler threw. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
