package io.orgbase.mail;

import com.github.mustachejava.MustacheException;
import io.orgbase.problems.FieldError;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages an organization may word itself, with the values each may use and must keep, and
 * the check of an organization's wording: Mustache with those values only (sections over them
 * allowed), no partials, no delimiter changes, no unescaped values.
 */
public final class Overridable {

    /** One overridable message. */
    public record Template(String name, Set<String> values, Set<String> required) {}

    private static final Map<String, Template> TEMPLATES = new LinkedHashMap<>();

    static {
        add(
                "invitation",
                Set.of("inviter", "organization", "role", "email", "link", "days", "brand.name"),
                Set.of("link"));
        add("notification", Set.of("name", "title", "body", "link", "brand.name"), Set.of("title"));
        add(
                "notification-digest",
                Set.of(
                        "name",
                        "count",
                        "daily",
                        "weekly",
                        "items",
                        "title",
                        "body",
                        "when",
                        "more",
                        "link",
                        "brand.name"),
                Set.of("items"));
    }

    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)?");

    private Overridable() {}

    private static void add(String name, Set<String> values, Set<String> required) {
        TEMPLATES.put(name, new Template(name, new TreeSet<>(values), new TreeSet<>(required)));
    }

    public static Map<String, Template> all() {
        return TEMPLATES;
    }

    /** Problems of a wording of {@code template}, each naming {@code subject} or {@code body}. */
    public static List<FieldError> check(Template template, String subject, String body) {
        List<FieldError> errors = new ArrayList<>();
        checkOne(template, "subject", subject, errors);
        checkOne(template, "body", body, errors);
        Set<String> used = new TreeSet<>();
        used.addAll(names(subject));
        used.addAll(names(body));
        for (String required : template.required()) {
            if (!used.contains(required)) {
                errors.add(new FieldError("body", "must use {{" + required + "}}"));
            }
        }
        return errors;
    }

    private static void checkOne(Template template, String field, String text, List<FieldError> errors) {
        Matcher tags = TAG.matcher(text);
        while (tags.find()) {
            String tag = tags.group(1).strip();
            if (tag.startsWith("{") || tag.startsWith("&")) {
                errors.add(new FieldError(field, "values are always escaped: {{" + tag + "}} is not allowed"));
                continue;
            }
            if (tag.startsWith(">") || tag.startsWith("<") || tag.startsWith("=") || tag.startsWith("$")) {
                errors.add(new FieldError(field, "{{" + tag + "}}: only values and sections are allowed"));
                continue;
            }
            if (tag.startsWith("!")) {
                continue;
            }
            String name = tag.replaceFirst("^[#^/]\\s*", "");
            if (!NAME.matcher(name).matches() || !template.values().contains(name)) {
                errors.add(new FieldError(
                        field,
                        "{{" + tag + "}} is not a value of this message (values: "
                                + String.join(", ", template.values()) + ")"));
            }
        }
        if (errors.stream().anyMatch(e -> e.name().equals(field))) {
            return;
        }
        try {
            new MailTemplates.NoPartials(false).compile(new StringReader(text), field);
        } catch (MustacheException e) {
            errors.add(new FieldError(field, "is not a valid template: " + e.getMessage()));
        }
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher tags = TAG.matcher(text);
        while (tags.find()) {
            // shown as such ({{link}}), not only tested by a section ({{#link}}{{/link}})
            String tag = tags.group(1).strip();
            if (NAME.matcher(tag).matches()) {
                names.add(tag);
            }
        }
        return names;
    }
}
