package io.orgbase.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files as they are in the repository: every message the code asks for exists in
 * English, German has every English message, and the code keeps to the rules that make its
 * pages safe under the CSP (no HTML parsing of strings, no inline script or style).
 */
class ConsoleFilesTest {

    private static final Path ROOT = Path.of("src/main/webapp/admin");
    private static final Pattern KEY = Pattern.compile("^  '([^']+)':", Pattern.MULTILINE);
    /** t('a.b') and plural(n, 'a.b'): the literal keys the code asks for. */
    private static final Pattern USED = Pattern.compile("\\b(?:t|plural)\\((?:[^,()']+,\\s*)?'([a-zA-Z][\\w.-]*)'");

    private static Set<String> keys(String file) throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher m = KEY.matcher(Files.readString(ROOT.resolve("js/i18n").resolve(file)));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static Map<Path, String> scripts() throws IOException {
        Map<Path, String> scripts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("js"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                scripts.put(file, Files.readString(file));
            }
        }
        return scripts;
    }

    @Test
    void everyMessageTheCodeAsksForExistsInBothLanguages() throws IOException {
        Set<String> english = keys("en.js");
        Set<String> german = keys("de.js");
        assertThat(english).hasSizeGreaterThan(100);
        assertThat(german).as("German lacks").containsAll(english);
        assertThat(english).as("English lacks").containsAll(german);

        Set<String> missing = new TreeSet<>();
        for (String code : scripts().values()) {
            Matcher used = USED.matcher(code);
            while (used.find()) {
                String key = used.group(1);
                boolean counted = english.contains(key + ".one") && english.contains(key + ".other");
                if (!english.contains(key) && !counted) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).as("asked for, but in no catalogue").isEmpty();
    }

    @Test
    void theCodeNeverParsesStringsAsHtmlOrScript() throws IOException {
        List<String> forbidden = List.of(
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
                "new Function",
                "setAttribute('style'",
                "localStorage",
                "sessionStorage");
        for (Map.Entry<Path, String> script : scripts().entrySet()) {
            for (String word : forbidden) {
                assertThat(script.getValue())
                        .as("%s uses %s", script.getKey(), word)
                        .doesNotContain(word);
            }
        }
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() throws IOException {
        String page = Files.readString(ROOT.resolve("index.html"));
        assertThat(page)
                .doesNotContainPattern("<script(?![^>]*\\ssrc=)")
                .doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("<style", " style=");
    }
}
