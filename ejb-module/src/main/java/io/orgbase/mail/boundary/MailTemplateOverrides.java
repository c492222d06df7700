package io.orgbase.mail.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.mail.MailTemplateOverride;
import io.orgbase.mail.MailTemplates;
import io.orgbase.mail.Overridable;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Locales;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;

/**
 * An organization's own wording of the messages it sends (invitations, notifications, digests):
 * subject and plain-text body per language, in Mustache with the message's values only. Mail in
 * the organization uses it wherever it has one for the recipient's language.
 */
@Stateless
@Audited
public class MailTemplateOverrides {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** A message the organization may word, with its values, the languages Orgbase ships and its own wordings. */
    public record Listed(Overridable.Template template, List<String> shipped, List<MailTemplateOverride> own) {}

    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public List<Listed> list(Tenant tenant) {
        List<MailTemplateOverride> all = em.createNamedQuery("MailTemplateOverride.all", MailTemplateOverride.class)
                .getResultList();
        List<Listed> result = new ArrayList<>();
        Overridable.all()
                .values()
                .forEach(template -> result.add(new Listed(
                        template,
                        MailTemplates.SHIPPED_LANGUAGES,
                        all.stream()
                                .filter(o -> o.getTemplate().equals(template.name()))
                                .toList())));
        return result;
    }

    /**
     * Sets the organization's wording of {@code template} in {@code language}.
     *
     * @throws NotFound when the message is not one an organization may word
     * @throws InvalidInput naming the language, subject or body when they are not valid
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public MailTemplateOverride put(Tenant tenant, String template, String language, String subject, String body) {
        Overridable.Template message = require(template);
        String tag = Locales.canonicalLanguageTag(language);
        List<FieldError> errors = new ArrayList<>();
        if (tag == null) {
            errors.add(new FieldError("language", "is not a BCP 47 language tag"));
        }
        if (subject == null || subject.isBlank() || subject.length() > 300) {
            errors.add(new FieldError("subject", "must be 1 to 300 characters"));
        }
        if (body == null || body.isBlank() || body.length() > 10_000) {
            errors.add(new FieldError("body", "must be 1 to 10,000 characters"));
        }
        if (errors.isEmpty()) {
            errors.addAll(Overridable.check(message, subject, body));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput("This wording cannot be used.", errors);
        }
        MailTemplateOverride existing = find(template, tag);
        if (existing != null) {
            existing.change(subject, body);
            em.flush();
            return existing;
        }
        MailTemplateOverride created = new MailTemplateOverride(template, tag, subject, body);
        em.persist(created);
        em.flush();
        return created;
    }

    /**
     * Returns {@code template} in {@code language} to Orgbase's wording.
     *
     * @throws NotFound when the organization has no wording of its own there
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public void delete(Tenant tenant, String template, String language) {
        require(template);
        MailTemplateOverride existing = find(template, Locales.canonicalLanguageTag(language));
        if (existing == null) {
            throw new NotFound("This organization has no wording of its own for that message and language.");
        }
        em.remove(existing);
        em.flush();
    }

    private MailTemplateOverride find(String template, String language) {
        if (language == null) {
            return null;
        }
        return em.createNamedQuery("MailTemplateOverride.ofTemplate", MailTemplateOverride.class)
                .setParameter("template", template)
                .getResultStream()
                .filter(o -> o.getLanguage().equals(language))
                .findFirst()
                .orElse(null);
    }

    private static Overridable.Template require(String template) {
        Overridable.Template message = Overridable.all().get(template);
        if (message == null) {
            throw new NotFound("No such message, or it cannot be worded by an organization.");
        }
        return message;
    }
}
