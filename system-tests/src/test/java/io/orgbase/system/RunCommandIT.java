package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ./mvnw -Prun} end to end, as its own process: the first start creates the administrator
 * with a password printed once, SIGTERM stops Payara Micro and PostgreSQL cleanly, and the next
 * start finds every row again — and, after the operator rotated the signing key, still accepts
 * tokens signed with the previous one.
 */
@Tag("run-command")
class RunCommandIT {

    private static final Pattern GENERATED = Pattern.compile("admin@localhost with password: (\\S+)");

    @Test
    void rowsSurviveARestartAndTheAdministratorIsCreatedOnce() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("orgbase.it.work", "target/it-work")));
        Path home = work.resolve("run-" + Secrets.suffix());
        int port = FreePorts.next();

        Path firstLog = work.resolve(home.getFileName() + "-1.log");
        Process first = start(home, port, firstLog);
        String password;
        Api oldToken;
        String slug = Fixtures.slug();
        try {
            awaitLine(first, firstLog, "Orgbase is ready");
            Matcher generated = GENERATED.matcher(Files.readString(firstLog));
            assertThat(generated.find())
                    .as("generated password printed in %s", firstLog)
                    .isTrue();
            password = generated.group(1);

            Api admin = login(port, password);
            oldToken = admin;
            assertThat(admin.post("/api/v1/orgs", json("slug", slug, "name", "Durable"))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/api/v1/orgs/" + slug + "/departments", json("name", "Kept", "code", "K"))
                            .status())
                    .isEqualTo(201);
        } finally {
            stop(first);
        }
        assertThat(home.resolve("postgres/postmaster.pid"))
                .as("PostgreSQL shut down cleanly")
                .doesNotExist();
        assertThat(listening(port)).as("Payara Micro stopped").isFalse();
        assertThat(home.resolve("keys/jwt-signing-key.pem")).exists();

        // rotate the signing key as an operator would: the old one moves to keys/previous
        Files.createDirectories(home.resolve("keys/previous"));
        Files.move(home.resolve("keys/jwt-signing-key.pem"), home.resolve("keys/previous/2026-old.pem"));

        // the second start writes its server log as JSON lines (ORGBASE_LOG_FORMAT=json)
        Path secondLog = work.resolve(home.getFileName() + "-2.log");
        Process second = start(home, port, secondLog, Map.of("ORGBASE_LOG_FORMAT", "json"));
        try {
            awaitLine(second, secondLog, "Orgbase is ready");
            assertThat(Files.readString(secondLog)).doesNotContain("with password:");
            Api admin = login(port, password);
            jsonLogLinesNameTheirRequestAndOrganization(home, admin);
            assertThat(admin.get("/api/v1/orgs/" + slug).json().getString("name"))
                    .isEqualTo("Durable");
            assertThat(Pages.names(admin.get("/api/v1/orgs/" + slug + "/departments")))
                    .containsExactly("Kept");
            assertThat(oldToken.get("/api/v1/me").status())
                    .as("a token signed before the key rotation is still accepted")
                    .isEqualTo(200);
            assertThat(Api.at("http://localhost:" + port)
                            .get("/.well-known/jwks.json")
                            .json()
                            .getJsonArray("keys"))
                    .hasSize(2);
            assertThat(home.resolve("keys/jwt-signing-key.pem"))
                    .as("a new signing key")
                    .exists();
        } finally {
            stop(second);
        }
    }

    @Test
    void aKilledRunCommandLeavesNothingRunningAndASecondRunIsRefused() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("orgbase.it.work", "target/it-work")));
        Path home = work.resolve("run-" + Secrets.suffix());
        int port = FreePorts.next();
        String slug = Fixtures.slug();

        Path firstLog = work.resolve(home.getFileName() + "-1.log");
        Process first = start(home, port, firstLog);
        long server;
        long postgres;
        String password;
        try {
            awaitLine(first, firstLog, "Orgbase is ready");
            Matcher generated = GENERATED.matcher(Files.readString(firstLog));
            assertThat(generated.find()).isTrue();
            password = generated.group(1);
            assertThat(login(port, password)
                            .post("/api/v1/orgs", json("slug", slug, "name", "Survivor"))
                            .status())
                    .isEqualTo(201);

            // a second run of the same home is refused at once, in one line, starting nothing
            Path refusedLog = work.resolve(home.getFileName() + "-refused.log");
            Process refused = start(home, FreePorts.next(), refusedLog);
            assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(refused.exitValue()).isEqualTo(2);
            String refusal = Files.readString(refusedLog);
            assertThat(refusal)
                    .contains("Orgbase is already running from " + home, "kill " + first.pid())
                    .doesNotContain("Exception", "Starting Payara Micro");

            // "pid@start": the server's pid and when it started
            server = Long.parseLong(
                    Files.readString(home.resolve("server.pid")).strip().split("@")[0]);
            postgres = Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid"))
                    .get(0)
                    .strip());
        } catch (Throwable e) {
            stop(first);
            throw e;
        }

        // SIGKILL: no shutdown hook runs; the children must not outlive it
        first.destroyForcibly().waitFor();
        long serverPid = server;
        long postgresPid = postgres;
        Eventually.get(
                "Payara Micro (" + serverPid + ") and PostgreSQL (" + postgresPid + ") ending",
                Duration.ofMinutes(3),
                () -> alive(serverPid) || alive(postgresPid) ? Optional.empty() : Optional.of(true));
        assertThat(alive(server))
                .as("Payara Micro outlived the killed run command")
                .isFalse();
        assertThat(alive(postgres))
                .as("PostgreSQL outlived the killed run command")
                .isFalse();
        assertThat(home.resolve("postgres/postmaster.pid"))
                .as("PostgreSQL shut down cleanly")
                .doesNotExist();
        assertThat(listening(port)).isFalse();

        Path secondLog = work.resolve(home.getFileName() + "-2.log");
        ReadinessWatch watch = new ReadinessWatch(port);
        Process second = start(home, port, secondLog);
        try {
            awaitLine(second, secondLog, "Orgbase is ready");
            watch.assertTheApiAnsweredWheneverReady();
            assertThat(login(port, password).get("/api/v1/orgs/" + slug).json().getString("name"))
                    .as("every row intact")
                    .isEqualTo("Survivor");
        } finally {
            watch.close();
            stop(second);
        }
    }

    /**
     * Polls a starting server's {@code /health/ready} as a load balancer would, and each time it
     * answers 200 asks the API at once: the server registers the health checks when the beans
     * start, seconds before the endpoints are loaded (it answered 200 while the API still gave
     * 404, 503 and 500), so readiness must wait for the web module itself.
     */
    private static final class ReadinessWatch implements AutoCloseable {

        private final List<String> apiAnswersWhenReady = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<String> notItsOwn = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread poller;
        private volatile boolean closed;

        ReadinessWatch(int port) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1))
                    .build();
            java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            java.net.http.HttpRequest api = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/v1/me"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            poller = new Thread(() -> watch(client, ready, api), "readiness-watch");
            poller.setDaemon(true);
            poller.start();
        }

        private void watch(
                java.net.http.HttpClient client, java.net.http.HttpRequest ready, java.net.http.HttpRequest api) {
            while (!closed && apiAnswersWhenReady.size() < 20) {
                try {
                    java.net.http.HttpResponse<String> health =
                            client.send(ready, java.net.http.HttpResponse.BodyHandlers.ofString());
                    // Orgbase's own check in an UP answer (the server alone answers 200 with none)
                    if (health.statusCode() == 200 && health.body().contains("\"api\"")) {
                        String said = asked(client, api);
                        if (!said.contains("application/problem+json")) {
                            // the moment between the last servlet's start and the container routing
                            // to the module is milliseconds; the bug this watches for was seconds
                            try {
                                Eventually.get("the API's own answer", Duration.ofMillis(250), () -> {
                                    try {
                                        return Optional.of(asked(client, api))
                                                .filter(again -> again.contains("application/problem+json"));
                                    } catch (IOException | InterruptedException e) {
                                        return Optional.empty();
                                    }
                                });
                            } catch (AssertionError | IllegalStateException stillNot) {
                                if (closed) {
                                    return;
                                }
                                notItsOwn.add(said + ", and for 250 ms after");
                            }
                        }
                        apiAnswersWhenReady.add(said);
                    }
                } catch (IOException notListeningYet) {
                    // the port is not open yet; poll again
                } catch (InterruptedException closing) {
                    return;
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException closing) {
                    return;
                }
            }
        }

        /** The status and type of the API's answer: a 401 or 429 problem document is its own. */
        private static String asked(java.net.http.HttpClient client, java.net.http.HttpRequest api)
                throws IOException, InterruptedException {
            java.net.http.HttpResponse<Void> answer =
                    client.send(api, java.net.http.HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() + " "
                    + answer.headers().firstValue("Content-Type").orElse("no type");
        }

        void assertTheApiAnsweredWheneverReady() throws InterruptedException {
            poller.join(30_000);
            assertThat(apiAnswersWhenReady).as("readiness seen UP").isNotEmpty();
            assertThat(notItsOwn)
                    .as("what the API answered while /health/ready said UP")
                    .isEmpty();
        }

        @Override
        public void close() {
            closed = true;
            poller.interrupt();
        }
    }

    /**
     * A platform administrator's look into an organization they are no member of is a security
     * event, logged in that request: its line names the request and the organization.
     */
    private static void jsonLogLinesNameTheirRequestAndOrganization(Path home, Api admin) throws Exception {
        String email = "json-" + Secrets.suffix() + "@run.example";
        assertThat(admin.post(
                                "/api/v1/admin/users",
                                json("email", email, "password", "Json-Logs-2026!", "displayName", "J"))
                        .status())
                .isEqualTo(201);
        Api owner = signIn(Api.at(admin.base()), email, "Json-Logs-2026!");
        String slug = Fixtures.slug();
        String orgId = owner.post("/api/v1/orgs", json("slug", slug, "name", "Logged"))
                .json()
                .getString("id");
        String requestId = "json-log-" + Secrets.suffix();
        assertThat(admin.withHeader("X-Request-Id", requestId)
                        .get("/api/v1/orgs/" + slug + "/departments")
                        .status())
                .isEqualTo(200);

        Path log = home.resolve("logs/server.log");
        String line = Eventually.get("the security event's line in " + log, Duration.ofSeconds(30), () -> {
            try {
                return Files.readAllLines(log).stream()
                        .filter(l -> l.contains(requestId))
                        .findFirst();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        jakarta.json.JsonObject event =
                jakarta.json.Json.createReader(new java.io.StringReader(line)).readObject();
        assertThat(event.getString("LoggerName")).isEqualTo("io.orgbase.security");
        assertThat(event.getString("LogMessage")).startsWith("platform-admin-access");
        assertThat(event.getString("requestId")).isEqualTo(requestId);
        assertThat(event.getString("organizationId")).isEqualTo(orgId);
        // one object a line, from the server's start on (nothing a pipeline would have to skip)
        List<String> lines =
                Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(10);
        for (String any : lines) {
            assertThat(any).as("a line of %s", log).startsWith("{").endsWith("}");
            jakarta.json.Json.createReader(new java.io.StringReader(any)).readObject();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Process start(Path home, int port, Path log) throws IOException {
        return start(home, port, log, Map.of());
    }

    /** The run command as its own process, with {@code settings} in its environment, logging to {@code log}. */
    static Process start(Path home, int port, Path log, Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorgbase.micro.jar=" + System.getProperty("orgbase.micro.jar"),
                "-Dorgbase.war=" + System.getProperty("orgbase.war"),
                "-Dorgbase.rar=" + System.getProperty("orgbase.rar"),
                "io.orgbase.launcher.Main"));
        builder.environment().remove("ORGBASE_ADMIN_EMAIL");
        builder.environment().remove("ORGBASE_ADMIN_PASSWORD");
        builder.environment().put("ORGBASE_HOME", home.toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("ORGBASE_JAVA_OPTS", "-Xmx512m");
        builder.environment().putAll(settings);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    /**
     * What a server of its own needs to run on {@code database} with this platform administrator
     * (a mutable map: tests add their own settings).
     */
    static Map<String, String> serverSettings(EmbeddedDatabase database, String adminEmail, String adminPassword) {
        Map<String, String> settings = new java.util.HashMap<>();
        settings.put("DB_URL", database.url());
        settings.put("DB_USER", EmbeddedDatabase.APP);
        settings.put("DB_PASSWORD", database.appPassword());
        settings.put("DB_MIGRATION_USER", EmbeddedDatabase.OWNER);
        settings.put("DB_MIGRATION_PASSWORD", database.ownerPassword());
        settings.put("ORGBASE_ADMIN_EMAIL", adminEmail);
        settings.put("ORGBASE_ADMIN_PASSWORD", adminPassword);
        return settings;
    }

    /** The caller signed in with this email and password. */
    static Api signIn(Api api, String email, String password) {
        Api.Reply login = api.post("/api/v1/auth/login", Api.json("email", email, "password", password));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        return api.withToken(login.json().getString("accessToken"));
    }

    static void awaitLine(Process process, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            assertThat(process.isAlive())
                    .as("launcher exited early; see %s", log)
                    .isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("'" + text + "' never appeared in " + log);
    }

    /** SIGTERM, as a service manager or Ctrl-C would send, then wait for a clean exit. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            // the launcher's children (Payara Micro, PostgreSQL) first: killing it alone orphans them
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not stop within 2 minutes of SIGTERM");
        }
    }

    private static Api login(int port, String password) {
        Api anonymous = Api.at("http://localhost:" + port);
        Api.Reply token = anonymous.post("/api/v1/auth/login", json("email", "admin@localhost", "password", password));
        assertThat(token.status()).as("login: %s", token).isEqualTo(200);
        return anonymous.withToken(token.json().getString("accessToken"));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
