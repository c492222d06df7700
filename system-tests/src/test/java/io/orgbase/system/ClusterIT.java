package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro members of one cluster (the run command's {@code ORGBASE_CLUSTER_*} settings)
 * on one database, as a load balancer would spread a client over them: a token one member signed
 * works on the other (the operator gives them the same keys), a notification made on one reaches a
 * live stream open on the other, and a caller's request budget is one budget for the cluster,
 * counted in the members' shared JCache.
 */
@Tag("cluster")
class ClusterIT {

    private static final int BUDGET = 40;

    @Test
    void twoMembersShareTheirKeysAndOneRequestBudget() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("orgbase.it.work", "target/it-work")));
        Path root = work.resolve("cluster-" + Secrets.suffix());
        Path keys = Files.createDirectories(root.resolve("shared-keys"));
        String adminEmail = "admin-" + Secrets.suffix() + "@it.example";
        String adminPassword = Secrets.password();
        int[] web = {FreePorts.next(), FreePorts.next()};
        int[] grid = {FreePorts.next(), FreePorts.next()};
        String members = "127.0.0.1:" + grid[0] + ",127.0.0.1:" + grid[1];
        try (EmbeddedDatabase database = EmbeddedDatabase.start(root.resolve("postgres"), FreePorts.next(), false)) {
            Process[] member = new Process[2];
            try {
                for (int i = 0; i < 2; i++) {
                    Map<String, String> settings = RunCommandIT.serverSettings(database, adminEmail, adminPassword);
                    settings.put(
                            "ORGBASE_JWT_KEY_FILE",
                            keys.resolve("jwt-signing-key.pem").toString());
                    settings.put(
                            "ORGBASE_DATA_KEY_FILE", keys.resolve("data-key").toString());
                    settings.put("ORGBASE_RATE_LIMIT_PER_PRINCIPAL", Integer.toString(BUDGET));
                    settings.put("ORGBASE_CLUSTER_NAME", root.getFileName().toString());
                    settings.put("ORGBASE_CLUSTER_PORT", Integer.toString(grid[i]));
                    settings.put("ORGBASE_CLUSTER_MEMBERS", members);
                    Path log = root.resolve("member-" + i + ".log");
                    member[i] = RunCommandIT.start(root.resolve("member-" + i), web[i], log, settings);
                    // one after the other: the first migrates the database and makes the keys
                    RunCommandIT.awaitLine(member[i], log, "Orgbase is ready");
                }
                // Payara Micro's own output is in the server log of the member's home
                assertThat(Files.readString(root.resolve("member-1").resolve("logs/server.log")))
                        .as("the second member joined the first")
                        .contains("DG Size: 2");

                Api first = Api.at("http://localhost:" + web[0]);
                Api second = Api.at("http://localhost:" + web[1]);
                Api.Reply login =
                        first.post("/api/v1/auth/login", json("email", adminEmail, "password", adminPassword));
                assertThat(login.status()).as("%s", login).isEqualTo(200);
                String token = login.json().getString("accessToken");
                Api onFirst = first.withToken(token);
                Api onSecond = second.withToken(token);
                assertThat(onSecond.get("/api/v1/me").status())
                        .as("a token of the first member on the second")
                        .isEqualTo(200);

                aNotificationMadeOnOneMemberReachesAStreamOnTheOther(first, onSecond);
                aRevocationOnOneMemberHoldsOnTheOtherAtOnce(first, onFirst, second);

                // within one budget window, requests on either member spend the same budget; the
                // window is the clock's minute, so a phase that sees it turn starts again
                for (int attempt = 1; ; attempt++) {
                    try {
                        spendOneBudgetOnBoth(new Window(), onFirst, onSecond);
                        break;
                    } catch (WindowTurned turned) {
                        assertThat(attempt).as("budget windows kept turning").isLessThan(3);
                    }
                }
            } finally {
                stopAll(member);
            }
        }
    }

    /**
     * The change is made on the second member, whose relay is woken by the commit and publishes to
     * its own broker, so its consumer makes the notification there; the stream is open on the first.
     */
    private static void aNotificationMadeOnOneMemberReachesAStreamOnTheOther(Api first, Api onSecond) {
        String email = "live-" + Secrets.suffix() + "@it.example";
        String password = Secrets.password();
        assertThat(onSecond.post(
                                "/api/v1/admin/users",
                                json("email", email, "password", password, "displayName", "Live"))
                        .status())
                .isEqualTo(201);
        Api.Reply login = first.post("/api/v1/auth/login", json("email", email, "password", password));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        Api userOnFirst = first.withToken(login.json().getString("accessToken"));
        String slug = "live-" + Secrets.suffix();
        assertThat(onSecond.post("/api/v1/orgs", json("slug", slug, "name", "Live " + slug))
                        .status())
                .isEqualTo(201);
        try (EventStream stream = userOnFirst.stream("/api/v1/me/notifications/stream", null)) {
            stream.next(Duration.ofSeconds(10), e -> e.name().equals("unread"));
            Api.Reply added =
                    onSecond.post("/api/v1/orgs/" + slug + "/members", json("email", email, "role", "member"));
            assertThat(added.status()).as("%s", added).isEqualTo(201);
            EventStream.Event told =
                    stream.next(Duration.ofSeconds(15), e -> e.name().equals("notification"));
            assertThat(told.data()).contains("\"type\":\"member.added\"").contains(slug);
        }
    }

    /**
     * Each member keeps how a caller's organization resolved (AccessCache); a role changed or a
     * membership ended through one member is refused by the other on the very next request.
     */
    private static void aRevocationOnOneMemberHoldsOnTheOtherAtOnce(Api first, Api adminOnFirst, Api second) {
        String email = "revoked-" + Secrets.suffix() + "@it.example";
        String password = Secrets.password();
        assertThat(adminOnFirst
                        .post("/api/v1/admin/users", json("email", email, "password", password, "displayName", "R"))
                        .status())
                .isEqualTo(201);
        Api.Reply login = first.post("/api/v1/auth/login", json("email", email, "password", password));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        String token = login.json().getString("accessToken");
        String slug = "revoke-" + Secrets.suffix();
        assertThat(adminOnFirst
                        .post("/api/v1/orgs", json("slug", slug, "name", "Revoke " + slug))
                        .status())
                .isEqualTo(201);
        Api.Reply added = adminOnFirst.post("/api/v1/orgs/" + slug + "/members", json("email", email, "role", "admin"));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        String userId = added.json().getString("userId");
        Api userOnFirst = first.withToken(token);
        Api userOnSecond = second.withToken(token);
        String departments = "/api/v1/orgs/" + slug + "/departments";
        for (Api node : List.of(userOnFirst, userOnSecond)) {
            for (int i = 0; i < 3; i++) {
                assertThat(node.get(departments).status()).isEqualTo(200);
            }
        }
        assertThat(userOnSecond
                        .post(departments, json("name", "Before", "code", "B"))
                        .status())
                .isEqualTo(201);

        Api.Reply demoted = adminOnFirst.patch("/api/v1/orgs/" + slug + "/members/" + userId, json("role", "viewer"));
        assertThat(demoted.status()).as("%s", demoted).isEqualTo(200);
        assertThat(userOnSecond
                        .post(departments, json("name", "After", "code", "A"))
                        .status())
                .as("a write by a member demoted on the other server")
                .isEqualTo(403);

        assertThat(adminOnFirst
                        .delete("/api/v1/orgs/" + slug + "/members/" + userId)
                        .status())
                .isEqualTo(204);
        assertThat(userOnSecond.get(departments).status())
                .as("a read by a member removed on the other server")
                .isEqualTo(404);
    }

    private static void spendOneBudgetOnBoth(Window window, Api onFirst, Api onSecond) {
        int before = remaining(window.call(onFirst));
        for (int i = 0; i < 5; i++) {
            window.call(onFirst);
        }
        assertThat(remaining(window.call(onSecond)))
                .as("the second member counts what the first spent")
                .isEqualTo(before - 6);
        Api.Reply last = null;
        for (int i = 0; i < BUDGET && (last == null || last.status() != 429); i++) {
            last = window.call(i % 2 == 0 ? onFirst : onSecond);
        }
        assertThat(last.status()).as("the shared budget ran out").isEqualTo(429);
        for (Api api : List.of(onFirst, onSecond)) {
            assertThat(window.call(api).status()).isEqualTo(429);
        }
    }

    /** The budget window the replies fall into, told by RateLimit-Reset (seconds until it turns). */
    private static final class Window {

        private long reset = Long.MAX_VALUE;

        /** GET /api/v1/me; throws {@link WindowTurned} when the answer belongs to a later window. */
        Api.Reply call(Api api) {
            Api.Reply reply = api.get("/api/v1/me");
            long now = Long.parseLong(reply.header("RateLimit-Reset"));
            if (now > reset) {
                throw new WindowTurned();
            }
            reset = now;
            return reply;
        }
    }

    private static final class WindowTurned extends RuntimeException {}

    /** Stops every member, each whatever happened to the others; the first failure is thrown. */
    private static void stopAll(Process[] members) {
        AssertionError failed = null;
        for (Process process : members) {
            if (process == null) {
                continue;
            }
            try {
                RunCommandIT.stop(process);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            } catch (AssertionError e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static int remaining(Api.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return Integer.parseInt(reply.header("RateLimit-Remaining"));
    }
}
