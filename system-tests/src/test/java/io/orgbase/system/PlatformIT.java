package io.orgbase.system;

import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every deployment offers besides the API: health, the API description, uniform errors. */
class PlatformIT {

    @Test
    void healthIsUpWithTheDatabaseReady() throws Exception {
        Health live = Health.of("live");
        Health ready = Health.of("ready");
        assertThat(live.status()).isEqualTo(200);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.orgbaseCheck("database").getString("status")).isEqualTo("UP");
        // the web module's own: UP once its endpoints are loaded (on WildFly and Payara Server too,
        // where it is asked from the EAR's library)
        assertThat(ready.orgbaseCheck("api").getString("status")).isEqualTo("UP");
    }

    @Test
    void readinessFollowsTheSchema() throws Exception {
        String latest = "(select max(installed_rank) from flyway_schema_history)";
        try (Connection db = Orgbase.target().superuser();
                Statement statement = db.createStatement()) {
            statement.executeUpdate(
                    "update flyway_schema_history set success = false where installed_rank = " + latest);
            try {
                Health notReady = Health.of("ready");
                assertThat(notReady.status()).as(notReady.body()).isEqualTo(503);
                assertThat(notReady.orgbaseCheck("database").getString("status"))
                        .isEqualTo("DOWN");
                assertThat(notReady.body()).contains("migrations missing");
            } finally {
                statement.executeUpdate(
                        "update flyway_schema_history set success = true where installed_rank = " + latest);
            }
        }
        assertThat(Health.of("ready").status()).isEqualTo(200);
    }

    /** A health answer from where the target serves them: the API's own port on Payara, the management interface on WildFly. */
    private record Health(int status, String body) {

        static Health of(String which) throws Exception {
            // HTTP/1.1, as every test client here: an HTTP/2 upgrade was now and then cut by
            // Payara Server's listener (SoapContractIT)
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create(Orgbase.target().healthUrl() + "/health/" + which))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Health(answer.statusCode(), answer.body());
        }

        /** One of Orgbase's own checks. */
        JsonObject orgbaseCheck(String name) {
            JsonObject answer = jakarta.json.Json.createReader(new java.io.StringReader(body))
                    .readObject();
            return answer.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(check -> check.getString("name").equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no check of Orgbase's in " + body));
        }
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        Api.Reply openapi = Api.anonymous().send("GET", "/openapi", null, null);
        assertThat(openapi.status()).isEqualTo(200);
        for (String path : List.of(
                "/api/v1/auth/login:",
                "/api/v1/auth/refresh:",
                "/api/v1/auth/login/mfa:",
                "/api/v1/auth/oidc:",
                "/api/v1/me/2fa/totp:",
                "/api/v1/me/2fa/totp/confirm:",
                "/api/v1/auth/logout:",
                "/api/v1/me/password:",
                "/api/v1/permissions:",
                "/api/v1/me/default-org:",
                "/api/v1/me/profile:",
                "/.well-known/jwks.json:",
                "/api/v1/me:",
                "/api/v1/admin/users:",
                "/api/v1/admin/users/{id}:",
                "/api/v1/orgs:",
                "/api/v1/orgs/{org}:",
                "/api/v1/orgs/{org}/members:",
                "/api/v1/orgs/{org}/members/{userId}:",
                "/api/v1/orgs/{org}/departments:",
                "/api/v1/orgs/{org}/departments/{id}:",
                "/api/v1/orgs/{org}/departments/bulk:",
                "/api/v1/orgs/{org}/api-keys:",
                "/api/v1/orgs/{org}/roles:",
                "/api/v1/orgs/{org}/audit-events:",
                "/api/v1/orgs/{org}/audit-events/verify:",
                "/api/v1/admin/audit-events:",
                "/api/v1/admin/audit-events/verify:",
                "/api/v1/admin/audit-events/retention:",
                "/api/v1/orgs/{org}/roles/{role}:",
                "/api/v1/orgs/{org}/invitations:",
                "/api/v1/orgs/{org}/invitations/{id}:",
                "/api/v1/invitations/{token}/accept:",
                "/api/v1/orgs/{org}/api-keys/{id}:",
                "/api/v1/orgs/{org}/members/bulk:",
                "/api/v1/orgs/{org}/invitations/bulk:",
                "/api/v1/orgs/{org}/api-keys/bulk:",
                "/api/v1/orgs/{org}/roles/bulk:",
                "/api/v1/orgs/{org}/children:",
                "/api/v1/orgs/{org}/status:",
                "/api/v1/orgs/{org}/settings:",
                "/api/v1/orgs/{org}/features:",
                "/api/v1/orgs/{org}/features/{key}:",
                "/api/v1/features:",
                "/api/v1/features/{key}:",
                "/api/v1/orgs/{org}/descendants:",
                "/api/v1/orgs/{org}/ancestors:",
                "/api/v1/currencies:",
                "/api/v1/currencies/{code}:",
                "/api/v1/organization-types:",
                "/api/v1/organization-types/{key}:",
                "/api/v1/statuses:",
                "/api/v1/statuses/{slug}:")) {
            assertThat(openapi.body()).contains("\n  " + path + "\n");
        }
        assertThat(openapi.body()).contains("application/problem+json");
        // the contract generated at build time is what the server serves (it names operations after
        // their resource methods; the runtime scanner stays off)
        assertThat(openapi.body()).contains("operationId: departmentsList").contains("operationId: wellKnownJwks");
    }

    @Test
    void theApiIsBrowsableFromOrgbaseItselfWithoutACdn() {
        Api.Reply page = Api.anonymous().get("/api-docs/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains("swagger-ui-bundle.js")
                .doesNotContain("http://")
                .doesNotContain("https://");
        String bundle = page.body().replaceAll("(?s).*src=\"\\.\\./(webjars/[^\"]*swagger-ui-bundle\\.js)\".*", "$1");
        Api.Reply script = Api.anonymous().get("/" + bundle);
        assertThat(script.status()).as(bundle).isEqualTo(200);
        assertThat(script.body()).contains("SwaggerUIBundle");
        Api.Reply start = Api.anonymous().get("/api-docs/start.js");
        assertThat(start.body()).contains("../openapi");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        Api api = Fixtures.admin().api();
        assertProblem(api.get("/api/v1/nothing-here"), 404);
        assertProblem(api.send("PUT", "/api/v1/orgs", "{}", "application/json"), 405);
        assertProblem(Api.anonymous().get("/no-such-page"), 404);
    }
}
