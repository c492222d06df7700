package io.orgbase.mail;

import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An organization's own subject and plain-text body of one message in one language. */
@Entity
@Table(name = "mail_template_override")
@NamedQuery(
        name = "MailTemplateOverride.ofTemplate",
        query = "select o from MailTemplateOverride o where o.template = :template order by o.language")
@NamedQuery(
        name = "MailTemplateOverride.all",
        query = "select o from MailTemplateOverride o order by o.template, o.language")
public class MailTemplateOverride extends TenantOwnedEntity {

    @Column(name = "template", nullable = false, updatable = false)
    private String template;

    @Column(name = "language", nullable = false, updatable = false)
    private String language;

    @Column(name = "subject", nullable = false)
    private String subject;

    @Column(name = "body", nullable = false)
    private String body;

    protected MailTemplateOverride() {}

    public MailTemplateOverride(String template, String language, String subject, String body) {
        this.template = template;
        this.language = language;
        this.subject = subject;
        this.body = body;
    }

    public String getTemplate() {
        return template;
    }

    public String getLanguage() {
        return language;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public void change(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }
}
