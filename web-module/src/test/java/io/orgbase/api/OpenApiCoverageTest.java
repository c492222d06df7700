package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The generated OpenAPI document and the JAX-RS resources describe the same operations: every
 * resource method (through the sub-resource locators, such as everything below {@code /orgs/{org}})
 * is documented, and nothing documented is missing. The scanner silently skips a locator whose
 * return type it cannot follow; this is what notices. Path parameter names may differ (a collection
 * names its key); their places may not.
 */
class OpenApiCoverageTest {

    /** Served by servlets, not JAX-RS. */
    private static final Set<String> SERVLETS = Set.of("GET /.well-known/jwks.json");

    @Test
    void everyOperationIsDocumentedAndEveryDocumentedOneExists() throws Exception {
        Set<String> implemented = new TreeSet<>();
        for (Class<?> root : JaxRs.roots()) {
            walk(root, "/api/v1/" + strip(root.getAnnotation(Path.class).value()), implemented, 0);
        }
        Set<String> documented = documented();
        documented.removeAll(
                SERVLETS.stream().map(OpenApiCoverageTest::normalize).toList());

        assertThat(implemented).as("operations the code serves").hasSizeGreaterThan(60);
        assertThat(difference(implemented, documented))
                .as("operations served but missing from openapi.yaml")
                .isEmpty();
        assertThat(difference(documented, implemented))
                .as("operations in openapi.yaml that nothing serves")
                .isEmpty();
    }

    private static void walk(Class<?> resource, String base, Set<String> into, int depth) {
        assertThat(depth).as("sub-resource locators nest deeper than expected").isLessThan(6);
        for (Method method : resource.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            String full = path == null ? base : base + "/" + strip(path.value());
            String verb = JaxRs.httpMethod(method);
            if (verb != null) {
                into.add(normalize(verb + " " + full));
            } else if (path != null) {
                walk(method.getReturnType(), full, into, depth + 1);
            }
        }
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    /** {@code GET /api/v1/orgs/{org}/members/{userId}} becomes {@code GET /api/v1/orgs/{}/members/{}}. */
    private static String normalize(String operation) {
        return operation.replaceAll("\\{[^}]*}", "{}").replaceAll("/+$", "");
    }

    private static Set<String> documented() throws IOException {
        Set<String> operations = new TreeSet<>();
        Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
        Pattern verbLine = Pattern.compile("^    (get|put|post|patch|delete):\\s*$");
        String current = null;
        for (String line : Contract.text().split("\n")) {
            Matcher path = pathLine.matcher(line);
            Matcher verb = verbLine.matcher(line);
            if (path.matches()) {
                current = path.group(1);
            } else if (!line.startsWith(" ") && !line.isBlank()) {
                current = null;
            } else if (current != null && verb.matches()) {
                operations.add(normalize(verb.group(1).toUpperCase(Locale.ROOT) + " " + current));
            }
        }
        return operations;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
