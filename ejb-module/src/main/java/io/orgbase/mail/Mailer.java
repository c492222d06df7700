package io.orgbase.mail;

import io.orgbase.database.AfterCommit;
import io.orgbase.persistence.Ids;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Queues a message in the current transaction: it is sent when, and only when, the transaction
 * commits (the sender is woken right after; its sweep finds whatever a crash left). Runs inside
 * the caller's tenant, if any: the message is that organization's, with its branding.
 */
@Dependent
public class Mailer {

    private static final Object KICK_REGISTERED = Mailer.class.getName() + ".kick";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    MailTemplates templates;

    @Inject
    MailSettings settings;

    @Inject
    MailSender sender;

    /** One message to queue. */
    public record Mail(
            String template,
            String to,
            UUID recipientId,
            UUID orgId,
            List<String> languages,
            Map<String, Object> values) {}

    /**
     * Renders and queues {@code mail}; the organization's name, language and branding are read when
     * {@code mail.orgId()} is set (the transaction must be in that organization).
     *
     * @return the queued message's id
     */
    public UUID queue(Mail mail) {
        return queue(mail, null);
    }

    /**
     * Like {@link #queue(Mail)}, at most once per {@code dedupeKey} (a message per event and
     * person): a second call with the key queues nothing.
     *
     * @return the queued message's id, or null when one was queued under the key before
     */
    public UUID queue(Mail mail, String dedupeKey) {
        if (dedupeKey != null && mail.orgId() == null) {
            throw new IllegalArgumentException("only an organization's messages are queued once per key");
        }
        Branding branding = Branding.platform();
        List<String> languages = new ArrayList<>(mail.languages());
        Map<String, MailTemplates.Wording> wordings = Map.of();
        if (mail.orgId() != null) {
            OrganizationLook look = organizationInTransaction(mail.orgId());
            branding = look.branding();
            languages.add(look.language());
            wordings = look.wordings().getOrDefault(mail.template(), Map.of());
        }
        MailTemplates.Rendered rendered =
                templates.render(mail.template(), languages, mail.values(), branding, wordings);
        UUID id = Ids.newId();
        int added = em.createNativeQuery("insert into mail_delivery (id, org_id, recipient_id, to_address, template,"
                        + " locale, subject, text_body, html_body, message_id, dedupe_key)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                        // ON CONFLICT also checks the reading policy, which only a tenant's own rows
                        // pass: keyed messages are an organization's (platform mail has no key)
                        + (dedupeKey == null ? "" : " on conflict (dedupe_key) do nothing"))
                .setParameter(1, id)
                .setParameter(2, mail.orgId())
                .setParameter(3, mail.recipientId())
                .setParameter(4, mail.to())
                .setParameter(5, mail.template())
                .setParameter(6, rendered.language())
                .setParameter(7, rendered.subject())
                .setParameter(8, rendered.text())
                .setParameter(9, rendered.html())
                .setParameter(10, "<" + id + "@" + settings.messageIdDomain() + ">")
                .setParameter(11, dedupeKey)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        if (added == 0) {
            return null;
        }
        wakeSenderAfterCommit();
        return id;
    }

    /** A link into Orgbase: the public address and a path with its query. */
    public String link(String pathAndQuery) {
        return settings.publicUrl() + pathAndQuery;
    }

    /** An organization's branding, language and own wordings (template → language → wording). */
    private record OrganizationLook(
            Branding branding, String language, Map<String, Map<String, MailTemplates.Wording>> wordings) {}

    /** Read once per transaction and organization (a fan-out mails hundreds in one). */
    private OrganizationLook organizationInTransaction(UUID orgId) {
        Object key = Mailer.class.getName() + ".look." + orgId;
        OrganizationLook look = (OrganizationLook) transactions.getResource(key);
        if (look == null) {
            look = organization(orgId);
            transactions.putResource(key, look);
        }
        return look;
    }

    private OrganizationLook organization(UUID orgId) {
        List<?> rows = em.createNativeQuery("select o.name, o.language, s.settings::text from organization o"
                        + " left join organization_settings s on s.org_id = o.id where o.id = ?1")
                .setParameter(1, orgId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (rows.isEmpty()) {
            return new OrganizationLook(Branding.platform(), null, Map.of());
        }
        Object[] row = (Object[]) rows.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> own = em.createNativeQuery(
                        "select template, language, subject, body from mail_template_override where org_id = ?1")
                .setParameter(1, orgId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        Map<String, Map<String, MailTemplates.Wording>> wordings = new java.util.HashMap<>();
        for (Object[] wording : own) {
            wordings.computeIfAbsent((String) wording[0], t -> new java.util.HashMap<>())
                    .put((String) wording[1], new MailTemplates.Wording((String) wording[2], (String) wording[3]));
        }
        return new OrganizationLook(Branding.of((String) row[0], (String) row[2]), (String) row[1], wordings);
    }

    private void wakeSenderAfterCommit() {
        MailSender woken = sender;
        afterCommit.once(KICK_REGISTERED, woken::kick);
    }
}
