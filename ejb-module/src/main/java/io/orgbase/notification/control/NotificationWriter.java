package io.orgbase.notification.control;

import io.orgbase.messaging.Event;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Adds notifications inside the event's organization (the consumer entered it), for many recipients
 * in one statement. One per recipient and event: the second delivery of a redelivered event or a
 * resumed fan-out adds nothing.
 */
@Dependent
public class NotificationWriter {

    /**
     * What a notification says and what it is about.
     *
     * @param membersOnly whether only the organization's active members may hear it (all but the
     *     notices of a removal or suspension)
     */
    public record Message(
            String type,
            String title,
            String body,
            String subjectType,
            String subjectId,
            String path,
            boolean membersOnly) {

        public Message(String type, String title, String body, String subjectType, String subjectId, String path) {
            this(type, title, body, subjectType, subjectId, path, true);
        }
    }

    private static final Object SIGNAL_KEY = NotificationWriter.class.getName() + ".signal";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    LiveSignals signals;

    /** @return how many recipients got it now (those who had it already are not counted) */
    public int deliver(Event event, Collection<UUID> recipients, Message message) {
        if (recipients.isEmpty()) {
            return 0;
        }
        Object added = em.createNativeQuery(
                        "select orgbase_deliver_notification(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
                .setParameter(1, event.id())
                .setParameter(2, event.orgId())
                .setParameter(
                        3,
                        String.join(",", recipients.stream().map(UUID::toString).toList()))
                .setParameter(4, message.type())
                .setParameter(5, truncate(message.title(), 300))
                .setParameter(6, message.body() == null ? null : truncate(message.body(), 4000))
                .setParameter(7, message.subjectType())
                .setParameter(8, message.subjectId())
                .setParameter(9, message.path())
                .setParameter(10, event.actorId())
                .setParameter(11, event.actor())
                .setParameter(12, message.membersOnly())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        signalAfterCommit(recipients);
        return ((Number) added).intValue();
    }

    /** Tells the recipients' open streams, once the notifications are there to be read. */
    @SuppressWarnings("unchecked")
    private void signalAfterCommit(Collection<UUID> recipients) {
        Set<UUID> pending = (Set<UUID>) transactions.getResource(SIGNAL_KEY);
        if (pending == null) {
            Set<UUID> users = new HashSet<>();
            transactions.putResource(SIGNAL_KEY, users);
            LiveSignals live = signals;
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        live.signal(users);
                    }
                }
            });
            pending = users;
        }
        pending.addAll(recipients);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
