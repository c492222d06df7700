package io.orgbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;

/** Assertions on RFC 9457 problem answers. */
final class Problems {

    private Problems() {}

    static JsonObject assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.contentType()).as("content type of %s", reply).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("https://orgbase.io/problems/");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.orgbase");
        return problem;
    }

    /** A 400 naming exactly these invalid fields. */
    static void assertInvalidFields(Api.Reply reply, String... fields) {
        JsonObject problem = assertProblem(reply, 400);
        List<String> names = problem.getJsonArray("invalid-params").stream()
                .map(p -> ((JsonString) p.asJsonObject().get("name")).getString())
                .toList();
        assertThat(names).containsExactlyInAnyOrder(fields);
    }
}
