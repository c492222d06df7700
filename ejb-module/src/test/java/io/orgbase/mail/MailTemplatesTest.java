package io.orgbase.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mustachejava.MustacheException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    private static Map<String, Object> invitation(String organization) {
        return Map.of(
                "inviter", "Ada <Lovelace>",
                "organization", organization,
                "role", "admin",
                "email", "new@example.com",
                "link", "https://orgbase.example/account/join?token=obi_abc",
                "days", 7L);
    }

    @Test
    void rendersTheFirstLanguageThatHasTheTemplateElseEnglish() {
        Branding brand = new Branding("Acme", null, "#aa0000", null);
        assertThat(templates
                        .render("invitation", List.of("de-CH"), invitation("Acme"), brand)
                        .language())
                .isEqualTo("de");
        assertThat(templates
                        .render("invitation", List.of("pt-BR", "de"), invitation("Acme"), brand)
                        .language())
                .isEqualTo("de");
        MailTemplates.Rendered english = templates.render("invitation", List.of("pt"), invitation("Acme"), brand);
        assertThat(english.language()).isEqualTo("en");
        assertThat(english.subject()).isEqualTo("Ada <Lovelace> invites you to Acme");
        assertThat(english.text()).contains("https://orgbase.example/account/join?token=obi_abc", "7 days");
        assertThat(english.html()).contains("background:#aa0000", "Ada &lt;Lovelace&gt;");
    }

    @Test
    void valuesAreEscapedInHtmlAndSubjectsStayOneLine() {
        MailTemplates.Rendered rendered = templates.render(
                "invitation",
                List.of(),
                invitation("Evil\r\nBcc: victim@example.com <script>alert(1)</script>"),
                new Branding("Evil <b>", "javascript:alert(1)", "red", null));
        assertThat(rendered.subject()).doesNotContain("\r", "\n").contains("Evil Bcc:");
        assertThat(rendered.html())
                .doesNotContain("<script>", "<b>", "javascript:")
                .contains("&lt;script&gt;", "background:" + Branding.DEFAULT_PRIMARY);
    }

    @Test
    void partialsAreRefused() {
        MailTemplates.NoPartials factory = new MailTemplates.NoPartials(true);
        assertThatThrownBy(() -> factory.compile(new StringReader("{{> /etc/passwd}}"), "evil")
                        .execute(new StringWriter(), Map.of()))
                .isInstanceOf(MustacheException.class);
    }

    @Test
    void languageCandidatesSkipWhatIsNotATag() {
        assertThat(MailTemplates.candidates(java.util.Arrays.asList(null, "", "../x", "fr-CA")))
                .containsExactly("fr-CA", "fr", "en");
    }

    @Test
    void retriesWaitLongerEachTimeUpToTheLimit() {
        Duration base = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(15);
        assertThat(MailSender.delayAfter(1, base, max)).isEqualTo(base);
        assertThat(MailSender.delayAfter(3, base, max)).isEqualTo(Duration.ofMinutes(2));
        assertThat(MailSender.delayAfter(40, base, max)).isEqualTo(max);
    }

    @Test
    void anOrganizationsWordingIsUsedInItsLanguageAndItsHtmlIsItsEscapedText() {
        Map<String, MailTemplates.Wording> own = Map.of(
                "de", new MailTemplates.Wording("Willkommen bei {{organization}}", "Hallo <b>!\n\nHier: {{link}}"));
        Branding brand = new Branding("Acme", null, null, null);
        MailTemplates.Rendered german =
                templates.render("invitation", List.of("de"), invitation("Acme & Co"), brand, own);
        assertThat(german.subject()).isEqualTo("Willkommen bei Acme & Co");
        assertThat(german.html())
                .contains("<p>Hallo &lt;b&gt;!</p>")
                .contains("<a href=\"https://orgbase.example/account/join?token=obi_abc\">")
                .doesNotContain("<b>!");
        // another language keeps Orgbase's wording
        assertThat(templates
                        .render("invitation", List.of("en"), invitation("Acme"), brand, own)
                        .subject())
                .isEqualTo("Ada <Lovelace> invites you to Acme");
    }

    @Test
    void aWordingMayUseTheMessagesValuesOnly() {
        Overridable.Template invitation = Overridable.all().get("invitation");
        assertThat(Overridable.check(invitation, "Join {{organization}}", "{{#days}}{{days}}{{/days}} {{link}}"))
                .isEmpty();
        assertThat(Overridable.check(invitation, "{{brand.name}}", "{{link}} {{password}}"))
                .extracting(io.orgbase.problems.FieldError::name)
                .containsExactly("body");
        assertThat(Overridable.check(invitation, "x", "{{link.bytes}}")).hasSize(2);
        assertThat(Overridable.check(invitation, "{{>x}}", "{{link}}"))
                .extracting(io.orgbase.problems.FieldError::name)
                .containsExactly("subject");
    }
}
