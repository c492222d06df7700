package io.orgbase.mail;

import io.orgbase.persistence.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/** The sender's steps on the queue, each in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MailQueue {

    /** A claimed message. */
    public record Claimed(
            UUID id,
            String to,
            String subject,
            String text,
            String html,
            String messageId,
            int attempts,
            OffsetDateTime createdAt) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** Up to {@code limit} due messages, leased for {@code leaseSeconds}. */
    public List<Claimed> claim(int limit, int leaseSeconds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, to_address, subject, text_body, html_body, message_id,"
                        + " attempts, created_at from orgbase_mail_claim(?1, ?2)")
                .setParameter(1, limit)
                .setParameter(2, leaseSeconds)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        return rows.stream()
                .map(row -> new Claimed(
                        (UUID) row[0],
                        (String) row[1],
                        (String) row[2],
                        (String) row[3],
                        (String) row[4],
                        (String) row[5],
                        ((Number) row[6]).intValue(),
                        Timestamps.of(row[7])))
                .toList();
    }

    public void sent(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        em.createNativeQuery("select orgbase_mail_sent(cast(?1 as uuid[]))")
                .setParameter(
                        1,
                        "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}")
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    /** @param nextAttempt when to try again; null: never (the message failed for good) */
    public void failed(UUID id, String error, OffsetDateTime nextAttempt) {
        em.createNativeQuery("select orgbase_mail_failed(?1, ?2, cast(?3 as timestamptz))")
                .setParameter(1, id)
                .setParameter(2, error == null ? "unknown error" : error)
                .setParameter(3, nextAttempt)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
    }

    /** Forgets messages older than {@code days}; returns how many. */
    public int forget(int days) {
        return ((Number) em.createNativeQuery("select orgbase_mail_forget(?1)")
                        .setParameter(1, days)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .intValue();
    }
}
