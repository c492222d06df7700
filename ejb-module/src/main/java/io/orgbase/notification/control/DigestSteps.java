package io.orgbase.notification.control;

import io.orgbase.mail.Mailer;
import io.orgbase.mail.Mailer.Mail;
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
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/** The digest job's steps, each in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DigestSteps {

    /** At most this many notifications are listed in one digest (the count tells the rest). */
    static final int LISTED = 50;

    /**
     * The claim of a job's period: the insert wins, or takes over a run whose lease ran out before
     * it finished; returns a row only to the winner.
     */
    static final String CLAIM = "insert into job_run as j (job, period, claimed_by, lease_until)"
            + " values (?1, ?2, ?3, now() + ?4 * interval '1 second')"
            + " on conflict (job, period) do update set claimed_by = excluded.claimed_by,"
            + "   lease_until = excluded.lease_until"
            + " where j.finished_at is null and j.lease_until < now() returning job";

    /** A person and organization a digest goes to. */
    public record Recipient(UUID userId, UUID orgId) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    Mailer mailer;

    /**
     * Claims {@code job} for {@code period} on this member: true when no member has it, or the
     * member that had it stopped renewing its lease before finishing.
     */
    public boolean claim(String job, String period, String member, Duration lease) {
        List<?> claimed = em.createNativeQuery(CLAIM)
                .setParameter(1, job)
                .setParameter(2, period)
                .setParameter(3, member)
                .setParameter(4, lease.toSeconds())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return !claimed.isEmpty();
    }

    public void renew(String job, String period, Duration lease) {
        em.createNativeQuery("update job_run set lease_until = now() + ?3 * interval '1 second'"
                        + " where job = ?1 and period = ?2 and finished_at is null")
                .setParameter(1, job)
                .setParameter(2, period)
                .setParameter(3, lease.toSeconds())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    public void finish(String job, String period, int items) {
        em.createNativeQuery("update job_run set finished_at = now(), items = ?3 where job = ?1 and period = ?2")
                .setParameter(1, job)
                .setParameter(2, period)
                .setParameter(3, items)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** Who has unread notifications since {@code since} that they want in a {@code mode} digest. */
    public List<Recipient> recipients(String mode, OffsetDateTime since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select user_id, org_id from orgbase_digest_recipients(?1, ?2) order by org_id, user_id")
                .setParameter(1, mode)
                .setParameter(2, since)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.stream()
                .map(row -> new Recipient(Ids.of(row[0]), Ids.of(row[1])))
                .toList();
    }

    /**
     * Queues one person's digest for one organization, as that person inside it (row-level security
     * shows their own notifications and preferences only), once per period.
     *
     * @return whether a digest was queued now
     */
    public boolean send(Recipient recipient, String mode, String period, OffsetDateTime since) {
        session.enterTenant(recipient.orgId(), recipient.userId());
        @SuppressWarnings("unchecked")
        List<Object[]> items = em.createNativeQuery("select n.title, n.body, n.created_at from notification n"
                        + " left join organization_settings s on s.org_id = n.org_id"
                        + " left join notification_preference own on own.user_id = n.recipient_id"
                        + "   and own.org_id = n.org_id and own.type = n.type"
                        + " left join notification_preference every on every.user_id = n.recipient_id"
                        + "   and every.org_id = n.org_id and every.type = '*'"
                        + " where n.recipient_id = ?1 and n.org_id = ?2 and n.read_at is null and n.created_at >= ?3"
                        + "   and exists (select 1 from membership m where m.org_id = ?2 and m.user_id = ?1"
                        + "               and m.active)"
                        + "   and coalesce(s.settings -> 'notifications' ->> 'email', 'true') <> 'false'"
                        + "   and coalesce(own.email, every.email,"
                        + "                orgbase_default_email_mode(coalesce(s.settings, '{}'::jsonb))) = ?4"
                        + " order by n.created_at desc, n.id desc")
                .setParameter(1, recipient.userId())
                .setParameter(2, recipient.orgId())
                .setParameter(3, since)
                .setParameter(4, mode)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (items.isEmpty()) {
            return false;
        }
        List<?> people = em.createNativeQuery("select email, display_name, language from app_user where id = ?1"
                        + " and email_verified_at is not null")
                .setParameter(1, recipient.userId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (people.isEmpty()) {
            return false; // an unproven address could be anyone's
        }
        Object[] person = (Object[]) people.get(0);
        Map<String, Object> values = new HashMap<>();
        values.put("name", person[1]);
        values.put("count", items.size());
        values.put(mode, true);
        values.put("items", items.stream().limit(LISTED).map(DigestSteps::item).toList());
        if (items.size() > LISTED) {
            values.put("more", items.size() - LISTED);
        }
        values.put("link", mailer.link("/"));
        return mailer.queue(
                        new Mail(
                                "notification-digest",
                                (String) person[0],
                                recipient.userId(),
                                recipient.orgId(),
                                person[2] == null ? List.of() : List.of((String) person[2]),
                                values),
                        "digest:" + mode + ":" + period + ":" + recipient.userId() + ":" + recipient.orgId())
                != null;
    }

    private static Map<String, Object> item(Object[] row) {
        Map<String, Object> item = new HashMap<>();
        item.put("title", row[0]);
        if (row[1] != null) {
            item.put("body", row[1]);
        }
        item.put(
                "when",
                io.orgbase.persistence.Timestamps.of(row[2])
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        return item;
    }
}
