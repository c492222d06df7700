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
}
