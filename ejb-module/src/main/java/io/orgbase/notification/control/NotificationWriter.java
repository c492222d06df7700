package io.orgbase.notification.control;

import io.orgbase.database.AfterCommit;
import io.orgbase.mail.Mailer;
import io.orgbase.mail.Mailer.Mail;
import io.orgbase.messaging.Event;
import io.orgbase.persistence.Ids;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    @Inject
    AfterCommit afterCommit;

    @Inject
    LiveSignals signals;

    @Inject
    Mailer mailer;

    /**
     * Tells each recipient the way they chose for this type: in the app (unless they turned it off)
     * and by email at once when they asked for that (digests are sent later by {@link DigestJob}).
     *
     * @return how many recipients got it in the app now (those who had it already are not counted)
     */
    public int deliver(Event event, Collection<UUID> recipients, Message message) {
        if (recipients.isEmpty()) {
            return 0;
        }
        List<Channel> channels = channels(event.orgId(), message.type(), recipients).stream()
                .filter(channel -> !message.membersOnly() || channel.activeMember())
                .toList();
        mailNow(
                event,
                channels.stream()
                        .filter(channel -> "immediate".equals(channel.email()))
                        .map(Channel::userId)
                        .toList(),
                message);
        List<UUID> inApp =
                channels.stream().filter(Channel::inApp).map(Channel::userId).toList();
        if (inApp.isEmpty()) {
            return 0;
        }
        recipients = inApp;
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
    private void signalAfterCommit(Collection<UUID> recipients) {
        LiveSignals live = signals;
        afterCommit.<Set<UUID>>gather(SIGNAL_KEY, HashSet::new, live::signal).addAll(recipients);
    }

    /** How a notification of one type reaches one person. */
    record Channel(UUID userId, boolean activeMember, boolean inApp, String email) {}

    private List<Channel> channels(UUID orgId, String type, Collection<UUID> users) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select user_id, active_member, in_app, email"
                        + " from orgbase_notification_channels(?1, ?2, cast(?3 as uuid[]))")
                .setParameter(1, orgId)
                .setParameter(2, type)
                .setParameter(
                        3,
                        "{"
                                + String.join(
                                        ",", users.stream().map(UUID::toString).toList()) + "}")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.stream()
                .map(row -> new Channel(
                        Ids.of(row[0]), Boolean.TRUE.equals(row[1]), Boolean.TRUE.equals(row[2]), (String) row[3]))
                .toList();
    }

    /** One email each, once per event and person however often the event is delivered. */
    private void mailNow(Event event, List<UUID> users, Message message) {
        if (users.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> people = em.createNativeQuery("select id, email, display_name, language from app_user"
                        // mail goes to proven addresses only: an unproven one could be anyone's
                        + " where id = any (cast(?1 as uuid[])) and email_verified_at is not null order by id")
                .setParameter(
                        1,
                        "{"
                                + String.join(
                                        ",", users.stream().map(UUID::toString).toList()) + "}")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        for (Object[] person : people) {
            Map<String, Object> values = new HashMap<>();
            values.put("name", person[2]);
            values.put("title", message.title());
            if (message.body() != null) {
                values.put("body", message.body());
            }
            values.put("link", mailer.link("/"));
            mailer.queue(
                    new Mail(
                            "notification",
                            (String) person[1],
                            Ids.of(person[0]),
                            event.orgId(),
                            person[3] == null ? List.of() : List.of((String) person[3]),
                            values),
                    "notification:" + event.id() + ":" + person[0]);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
