package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro members of one cluster (the run command's {@code ORGBASE_CLUSTER_*} settings)
 * on one database, as a load balancer would spread a client over them: a token one member signed
 * works on the other (the operator gives them the same keys), and a caller's request budget is one
 * budget for the cluster, counted in the members' shared JCache.
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
                    Map<String, String> settings = new HashMap<>();
                    settings.put("DB_URL", database.url());
                    settings.put("DB_USER", EmbeddedDatabase.APP);
                    settings.put("DB_PASSWORD", database.appPassword());
                    settings.put("DB_MIGRATION_USER", EmbeddedDatabase.OWNER);
                    settings.put("DB_MIGRATION_PASSWORD", database.ownerPassword());
                    settings.put("ORGBASE_ADMIN_EMAIL", adminEmail);
                    settings.put("ORGBASE_ADMIN_PASSWORD", adminPassword);
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
                assertThat(Files.readString(root.resolve("member-1.log")))
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

                // within one budget window, requests on either member spend the same budget
                awaitFreshWindow(onFirst);
                int before = remaining(onFirst.get("/api/v1/me"));
                for (int i = 0; i < 5; i++) {
                    onFirst.get("/api/v1/me");
                }
                assertThat(remaining(onSecond.get("/api/v1/me")))
                        .as("the second member counts what the first spent")
                        .isEqualTo(before - 6);
                Api.Reply last = null;
                for (int i = 0; i < BUDGET; i++) {
                    last = (i % 2 == 0 ? onFirst : onSecond).get("/api/v1/me");
                    if (last.status() == 429) {
                        break;
                    }
                }
                assertThat(last.status()).as("the shared budget ran out").isEqualTo(429);
                for (Api api : List.of(onFirst, onSecond)) {
                    assertThat(api.get("/api/v1/me").status()).isEqualTo(429);
                }
            } finally {
                stopAll(member);
            }
        }
    }

    /**
     * Waits, unless most of the budget's minute is still ahead, for the next one to begin: the
     * requests below (some fifty on two servers) must fall into one window.
     */
    private static void awaitFreshWindow(Api api) throws InterruptedException {
        long reset = Long.parseLong(api.get("/api/v1/me").header("RateLimit-Reset"));
        if (reset < 45) {
            Thread.sleep((reset + 1) * 1000);
        }
    }

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
