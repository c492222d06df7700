package io.orgbase.system;

import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An Orgbase whose application role could bypass row-level security (here: the owner of the tables)
 * is not ready, and refuses the API too: the database would no longer be a second line of defence
 * between organizations. A second Orgbase is started by the run command on the suite's database,
 * connecting as its owner.
 */
@Tag("run-command")
class UnsafeDatabaseRoleIT {

    @Test
    void theApiAnswers503WhileTheRoleCanBypassRowLevelSecurity() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("orgbase.it.work", "target/it-work")));
        Path home = work.resolve("unsafe-" + Secrets.suffix());
        int port = io.orgbase.launcher.FreePorts.next();
        Path log = work.resolve(home.getFileName() + ".log");
        // the embedded database trusts local connections: the owner's name is all it takes
        Process unsafe = RunCommandIT.start(
                home,
                port,
                log,
                Map.of(
                        "DB_URL", Orgbase.target().databaseUrl(),
                        "DB_USER", "orgbase_owner",
                        "DB_PASSWORD", "trusted",
                        "DB_MIGRATION_USER", "orgbase_owner",
                        "DB_MIGRATION_PASSWORD", "trusted"));
        try {
            Api api = Api.at("http://localhost:" + port);
            Api.Reply reply = null;
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            // Payara Micro itself answers 503 (an HTML page) while the application is still being
            // started: only the application's own answer counts
            while (System.nanoTime() < deadline && !applications503(reply)) {
                assertThat(unsafe.isAlive())
                        .as("the launcher exited; see %s", log)
                        .isTrue();
                reply = answer(api);
                if (!applications503(reply)) {
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
            assertThat(reply).as("no 503 from the API; see %s", log).isNotNull();
            assertThat(assertProblem(reply, 503).getString("type")).endsWith("/database-unsafe");
            assertThat(reply.header("Retry-After")).isNotNull();
            assertThat(reply.body()).doesNotContain("orgbase_owner");
            assertProblem(
                    api.post(
                            "/api/v1/auth/login", Api.json("email", "admin@localhost", "password", Secrets.password())),
                    503);
            // SOAP as REST: an operation is refused with a fault of the port's version (its typed
            // detail names the refusal), before anything reads the message
            java.net.http.HttpResponse<String> soap = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://localhost:" + port + "/soap/v1/directory"))
                                    .header("Content-Type", "text/xml; charset=utf-8")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                                                    + "<soapenv:Body/></soapenv:Envelope>"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(soap.statusCode()).as(soap.body()).isEqualTo(503);
            assertThat(soap.body())
                    .contains("Fault")
                    .contains("database-unsafe")
                    .doesNotContain("orgbase_owner");
            assertThat(soap.headers().firstValue("Retry-After")).hasValue("30");
        } finally {
            unsafe.destroy();
            if (!unsafe.waitFor(2, TimeUnit.MINUTES)) {
                unsafe.destroyForcibly().waitFor();
            }
        }
    }

    private static boolean applications503(Api.Reply reply) {
        return reply != null
                && reply.status() == 503
                && reply.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    /** The API's answer once Payara Micro listens; null before. */
    private static Api.Reply answer(Api api) {
        try {
            return api.get("/api/v1/me");
        } catch (RuntimeException notListeningYet) {
            return null;
        }
    }
}
