package io.orgbase.mail;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a message from its templates: {@code mail/<template>/<language>.subject.mustache}, {@code
 * .txt.mustache} and {@code .html.mustache}, the body set inside the language's layout ({@code
 * mail/layout/<language>.…}) with the organization's branding. Mustache is logic-less: templates
 * read values, never run code; the HTML escapes every value unless a template asks otherwise, and
 * partials are refused (so a template cannot read other files). Values are maps, lists and strings.
 */
@ApplicationScoped
public class MailTemplates {

    /** A rendered message, and the language it was rendered in. */
    public record Rendered(String language, String subject, String text, String html) {}

    static final String FALLBACK_LANGUAGE = "en";

    /** The languages Orgbase's own templates are written in. */
    public static final List<String> SHIPPED_LANGUAGES = List.of("en", "de");

    private final Map<String, Optional<Mustache>> compiled = new ConcurrentHashMap<>();
    private final DefaultMustacheFactory html = new NoPartials(true);
    private final DefaultMustacheFactory text = new NoPartials(false);

    /**
     * @param languages the preferred languages, best first (BCP 47 tags; blanks and nulls skipped):
     *     each is tried, then its primary language, then English
     * @param values what the template reads ({@code link}, {@code organization}…); {@code brand} is
     *     added from {@code branding}
     * @throws IllegalArgumentException when the template does not exist in English
     */
    public Rendered render(String template, List<String> languages, Map<String, Object> values, Branding branding) {
        return render(template, languages, values, branding, Map.of());
    }

    /** An organization's own subject and plain-text body. */
    public record Wording(String subject, String body) {}

    /**
     * Like {@link #render(String, List, Map, Branding)}, preferring the organization's own wording
     * in each language it has one ({@code overrides} by language tag): its HTML is its text,
     * escaped, in paragraphs, with links.
     */
    public Rendered render(
            String template,
            List<String> languages,
            Map<String, Object> values,
            Branding branding,
            Map<String, Wording> overrides) {
        String language = candidates(languages).stream()
                .filter(tag -> overrides.containsKey(tag)
                        || find(template + "/" + tag + ".subject").isPresent())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No mail template " + template));
        Map<String, Object> scope = new HashMap<>(values);
        scope.put("brand", branding.values());
        String subject;
        String textBody;
        String htmlBody;
        Wording own = overrides.get(language);
        if (own != null) {
            subject = oneLine(runSource(own.subject(), scope));
            textBody = runSource(own.body(), scope);
            htmlBody = paragraphs(textBody);
        } else {
            subject = oneLine(run(text, template + "/" + language + ".subject", scope));
            textBody = run(text, template + "/" + language + ".txt", scope);
            htmlBody = run(html, template + "/" + language + ".html", scope);
        }
        Map<String, Object> layout = new HashMap<>(scope);
        layout.put("subject", subject);
        layout.put("content", textBody);
        String textMessage = run(text, layoutOf(language, "txt"), layout);
        layout.put("content", htmlBody);
        String htmlMessage = run(html, layoutOf(language, "html"), layout);
        return new Rendered(language, subject, textMessage, htmlMessage);
    }

    private String runSource(String source, Map<String, Object> scope) {
        // not cached: organizations' wordings change, and compiling one takes microseconds
        Mustache mustache = text.compile(new StringReader(source), "own");
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("https?://[^\\s<>\"]+");

    /** Plain text as HTML: every character escaped, blank lines between paragraphs, links clickable. */
    static String paragraphs(String plain) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : plain.strip().split("\\R\\s*\\R")) {
            String escaped = escape(paragraph.strip()).replaceAll("\\R", "<br>");
            escaped = URL.matcher(escaped).replaceAll(match -> {
                String url = match.group();
                return "<a href=\"" + java.util.regex.Matcher.quoteReplacement(url) + "\">"
                        + java.util.regex.Matcher.quoteReplacement(url) + "</a>";
            });
            html.append("<p>").append(escaped).append("</p>\n");
        }
        return html.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The tags to try for these preferences: each, then its primary language; English last. */
    static List<String> candidates(List<String> languages) {
        Set<String> result = new LinkedHashSet<>();
        for (String tag : languages) {
            if (tag == null || tag.isBlank() || !tag.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")) {
                continue;
            }
            Locale locale = Locale.forLanguageTag(tag);
            result.add(locale.toLanguageTag());
            result.add(locale.getLanguage());
        }
        result.add(FALLBACK_LANGUAGE);
        return new ArrayList<>(result);
    }

    private String layoutOf(String language, String kind) {
        String own = "layout/" + language + "." + kind;
        return find(own).isPresent() ? own : "layout/" + FALLBACK_LANGUAGE + "." + kind;
    }

    private String run(DefaultMustacheFactory factory, String name, Map<String, Object> scope) {
        Mustache mustache = (factory == html ? find(name + "#html") : find(name))
                .orElseThrow(() -> new IllegalArgumentException("No mail template " + name));
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    /** The compiled template {@code mail/<name>.mustache} (a {@code #html} suffix: compiled for HTML). */
    private Optional<Mustache> find(String key) {
        return compiled.computeIfAbsent(key, k -> {
            boolean forHtml = k.endsWith("#html");
            String name = forHtml ? k.substring(0, k.length() - 5) : k;
            String source = read("mail/" + name + ".mustache");
            if (source == null) {
                return Optional.empty();
            }
            return Optional.of((forHtml ? html : text).compile(new StringReader(source), name));
        });
    }

    private static String read(String resource) {
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A subject is one line: a value with a line break cannot add a header. */
    static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /**
     * Compiles from strings only; a partial ({@code {{> name}}}) is an error, and plain-text
     * templates write values as they are (HTML templates escape them).
     */
    static final class NoPartials extends DefaultMustacheFactory {

        private final boolean escapeHtml;

        NoPartials(boolean escapeHtml) {
            this.escapeHtml = escapeHtml;
        }

        @Override
        public Mustache compilePartial(String name) {
            throw new MustacheException("Mail templates cannot include other templates ({{> " + name + "}})");
        }

        @Override
        public void encode(String value, Writer writer) {
            if (escapeHtml) {
                super.encode(value, writer);
                return;
            }
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("Failed to write a value", e);
            }
        }
    }
}
