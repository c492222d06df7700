package io.orgbase.notification.control;

import io.orgbase.messaging.Event;
import io.orgbase.persistence.Ids;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Adds notifications inside the event's organization (the consumer entered it). One per recipient
 * and event: the second insert of a redelivered event or a resumed fan-out does nothing.
 */
@Dependent
public class NotificationWriter {

    /** What a notification says and what it is about. */
    public record Message(String type, String title, String body, String subjectType, String subjectId, String path) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** @return how many recipients got it now (those who had it already are not counted) */
    public int deliver(Event event, Collection<UUID> recipients, Message message) {
        int added = 0;
        for (UUID recipient : recipients) {
            added += em.createNativeQuery("insert into notification (id, org_id, recipient_id, type, title, body,"
                            + " subject_type, subject_id, subject_path, actor_id, actor, source_event_id, created_at)"
                            + " select ?1, ?2, u.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, now()"
                            + " from app_user u where u.id = ?12"
                            + " on conflict (source_event_id, recipient_id) do nothing")
                    .setParameter(1, Ids.newId())
                    .setParameter(2, event.orgId())
                    .setParameter(3, message.type())
                    .setParameter(4, truncate(message.title(), 300))
                    .setParameter(5, message.body() == null ? null : truncate(message.body(), 4000))
                    .setParameter(6, message.subjectType())
                    .setParameter(7, message.subjectId())
                    .setParameter(8, message.path())
                    .setParameter(9, event.actorId())
                    .setParameter(10, event.actor())
                    .setParameter(11, event.id())
                    .setParameter(12, recipient)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .executeUpdate();
        }
        return added;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
