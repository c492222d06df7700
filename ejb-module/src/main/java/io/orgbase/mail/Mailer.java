package io.orgbase.mail;

import io.orgbase.json.Jsonp;
import io.orgbase.persistence.Ids;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
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
        Branding branding = Branding.platform();
        List<String> languages = new ArrayList<>(mail.languages());
        if (mail.orgId() != null) {
            OrganizationLook look = organization(mail.orgId());
            branding = look.branding();
            languages.add(look.language());
        }
        MailTemplates.Rendered rendered = templates.render(mail.template(), languages, mail.values(), branding);
        UUID id = Ids.newId();
        em.createNativeQuery(
                        "insert into mail_delivery (id, org_id, recipient_id, to_address, template, locale,"
                                + " subject, text_body, html_body, message_id) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
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
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
        wakeSenderAfterCommit();
        return id;
    }

    /** A link into Orgbase: the public address and a path with its query. */
    public String link(String pathAndQuery) {
        return settings.publicUrl() + pathAndQuery;
    }

    private record OrganizationLook(Branding branding, String language) {}

    private OrganizationLook organization(UUID orgId) {
        List<?> rows = em.createNativeQuery("select o.name, o.language, s.settings::text from organization o"
                        + " left join organization_settings s on s.org_id = o.id where o.id = ?1")
                .setParameter(1, orgId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (rows.isEmpty()) {
            return new OrganizationLook(Branding.platform(), null);
        }
        Object[] row = (Object[]) rows.get(0);
        String logo = null;
        String primary = null;
        String secondary = null;
        if (row[2] != null) {
            try (var reader = Jsonp.PROVIDER.createReader(new StringReader((String) row[2]))) {
                var stored = reader.readObject();
                var brand = stored.getJsonObject("branding");
                if (brand != null) {
                    logo = brand.getString("logoUrl", null);
                    primary = brand.getString("primaryColour", null);
                    secondary = brand.getString("secondaryColour", null);
                }
            }
        }
        return new OrganizationLook(new Branding((String) row[0], logo, primary, secondary), (String) row[1]);
    }

    private void wakeSenderAfterCommit() {
        if (transactions.getResource(KICK_REGISTERED) != null) {
            return;
        }
        transactions.putResource(KICK_REGISTERED, Boolean.TRUE);
        MailSender woken = sender;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    woken.kick();
                }
            }
        });
    }
}
