package io.orgbase.messaging;

import io.orgbase.logging.Logs;
import io.orgbase.persistence.Ids;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.config.QueryHints;

/**
 * What happens after a consumer failed: another attempt later (the delay doubling from {@code
 * orgbase.messaging.retry-delay}, at most {@code orgbase.messaging.max-retry-delay}), or, after
 * {@code orgbase.messaging.max-attempts}, a dead letter with the organization and the last error.
 * Counted by the application, not the broker, so every server behaves alike.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryFailures {

    private static final Logger LOG = Logs.get(DeliveryFailures.class);
    private static final int MAX_ERROR = 4000;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    Outbox outbox;

    @Inject
    @ConfigProperty(name = "orgbase.messaging.max-attempts", defaultValue = "5")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "orgbase.messaging.retry-delay", defaultValue = "PT2S")
    Duration retryDelay;

    @Inject
    @ConfigProperty(name = "orgbase.messaging.max-retry-delay", defaultValue = "PT5M")
    Duration maxRetryDelay;

    /** A failed attempt {@code attempt + 1} of {@code consumer}. */
    public void failed(Event event, String consumer, int attempt, String error) {
        int attempts = attempt + 1;
        enter(event.orgId());
        if (attempts >= Math.max(1, maxAttempts)) {
            bury(event.id(), event.orgId(), event.type(), event.toJson(), consumer, attempts, error);
            return;
        }
        outbox.retry(event, consumer, attempts, delayAfter(attempts));
    }

    /** A message no retry can help: unreadable, or without the organization its consumer needs. */
    public void refused(Event event, String text, String consumer, int attempt, String error) {
        UUID orgId = event == null ? null : event.orgId();
        enter(orgId);
        bury(
                event == null ? null : event.id(),
                orgId,
                event == null ? null : event.type(),
                text == null ? "" : text,
                consumer,
                attempt + 1,
                error);
    }

    /** The delay before attempt {@code attempts + 1}: doubling, capped. */
    Duration delayAfter(int attempts) {
        Duration delay = retryDelay.isNegative() ? Duration.ZERO : retryDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }

    private void enter(UUID orgId) {
        if (orgId != null) {
            session.enterTenant(orgId, null);
        }
    }

    private void bury(
            UUID eventId, UUID orgId, String type, String envelope, String consumer, int attempts, String error) {
        String kept = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        UUID id = Ids.newId();
        em.createNativeQuery("insert into dead_letter (id, org_id, event_id, type, consumer, envelope, error,"
                        + " attempts, failed_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, id)
                .setParameter(2, orgId)
                .setParameter(3, eventId)
                .setParameter(4, type)
                .setParameter(5, consumer)
                .setParameter(6, envelope)
                .setParameter(7, kept)
                .setParameter(8, attempts)
                .setParameter(9, OffsetDateTime.now(ZoneOffset.UTC))
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        LOG.warning(() -> "Dead letter " + id + ": " + consumer + " gave up on " + type + " " + eventId + " of "
                + (orgId == null ? "the platform" : "organization " + orgId) + " after " + attempts
                + " attempt(s): " + kept);
    }
}
