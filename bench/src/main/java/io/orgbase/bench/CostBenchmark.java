package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one account can cost everyone else: an organization with {@code BENCH_BIG} (1,000,000)
 * departments, one viewer hammering it with 16 clients for {@code BENCH_SECONDS} (60) with the most
 * expensive read it may send (a search for a rare term with {@code count=true}: every row read
 * twice), while 4 clients of other members read departments by id. Run three times on the same
 * data: as before (a budget of 5,400 a minute, so that a search and count, which now cost 9, cost
 * what they cost before: 600 a minute; no limit on expensive reads at once), with the per-minute
 * price alone (the default 600), and with the default limit of 2 expensive reads at once too. Reports
 * what the viewer got served, refused (429) and cut off (503, the statement timeout), and the
 * others' throughput and p99 alone and under the load. Writes {@code bench-work/cost.md};
 * everything it starts, it stops.
 */
public final class CostBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");
    private static final String SEARCHED = "0777777";
    private static final int OTHERS = 50;

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    private final int big = BenchServer.setting("BENCH_BIG", 1_000_000);
    private final int seconds = BenchServer.setting("BENCH_SECONDS", 60);

    private String org;
    private String attacker;
    private final List<String> others = new ArrayList<>();
    private final List<UUID> ids = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new CostBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("home-" + System.currentTimeMillis());
        List<String> rows = new ArrayList<>();
        rows.add("| budget a minute | expensive reads at once | viewer's searches served /min | refused (429) /min"
                + " | timed out (503) /min | others alone req/s | p99 ms | others under the load req/s | p99 ms |");
        rows.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try {
            for (String[] setting :
                    List.of(new String[] {"5400", "0"}, new String[] {"600", "0"}, new String[] {"600", "2"})) {
                Launcher launcher = BenchServer.start(
                        work,
                        home,
                        password,
                        Map.of(
                                "ORGBASE_RATE_LIMIT_PER_PRINCIPAL",
                                setting[0],
                                "ORGBASE_RATE_LIMIT_EXPENSIVE_CONCURRENT",
                                setting[1]));
                try {
                    BenchClient client = new BenchClient(launcher.baseUrl());
                    if (org == null) {
                        prepare(launcher, client, password);
                    }
                    rows.add(measure(client, setting[0], setting[1]));
                    REPORT.info(rows.get(rows.size() - 1));
                } finally {
                    launcher.close();
                }
            }
        } finally {
            BenchServer.discard(home);
        }
        String report = String.format(
                        Locale.ROOT,
                        "Cost of one account: %,d departments, a viewer at 16 clients for %d s searching"
                                + " (q=%s&count=true), others at 4 clients reading by id%n%n",
                        big,
                        seconds,
                        SEARCHED)
                + String.join("\n", rows) + "\n";
        Files.writeString(work.resolve("cost.md"), report);
        REPORT.info("\n" + report);
    }

    private String measure(BenchClient client, String budget, String concurrent) throws InterruptedException {
        String departments = "/api/v1/orgs/" + org + "/departments";
        Runnable otherRead = () -> {
            String token = others.get(ThreadLocalRandom.current().nextInt(others.size()));
            UUID id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            HttpResponse<String> response = client.get(departments + "/" + id, token);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("another member's read answered " + response.statusCode());
            }
        };
        Load.measureFor(4, 10, otherRead);
        Load.Result alone = Load.measureFor(4, 20, otherRead);

        AtomicLong served = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong cutOff = new AtomicLong();
        Thread load = new Thread(() -> {
            try {
                Load.measureFor(16, seconds, () -> {
                    int status = client.get(departments + "?q=" + SEARCHED + "&count=true", attacker)
                            .statusCode();
                    (status == 200 ? served : status == 429 ? refused : cutOff).incrementAndGet();
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        load.start();
        Load.Result underLoad = Load.measureFor(4, seconds, otherRead);
        load.join();
        double minutes = seconds / 60.0;
        return String.format(
                Locale.ROOT,
                "| %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %.1f | %,.0f | %.1f |",
                budget,
                "0".equals(concurrent) ? "no limit" : concurrent,
                served.get() / minutes,
                refused.get() / minutes,
                cutOff.get() / minutes,
                alone.throughput(),
                alone.p99(),
                underLoad.throughput(),
                underLoad.p99());
    }

    private void prepare(Launcher launcher, BenchClient client, String password) throws Exception {
        String admin = client.login("bench-admin@bench.example", password);
        String owner = user(client, admin, "bench-owner@bench.example");
        org = "bench-cost";
        String orgId = BenchClient.field(
                client.send("POST", "/api/v1/orgs", owner, "{\"slug\":\"" + org + "\",\"name\":\"Cost\"}"), "id");
        attacker = member(client, admin, owner, "bench-viewer@bench.example", "viewer");
        for (int i = 0; i < OTHERS; i++) {
            others.add(member(client, admin, owner, "bench-member-" + i + "@bench.example", "member"));
        }
        long started = System.nanoTime();
        try (Connection db = launcher.database().superuserConnection()) {
            ReadPathBenchmark.load(db, UUID.fromString(orgId), big);
            try (Statement analyze = db.createStatement()) {
                analyze.execute("VACUUM ANALYZE department");
            }
            try (PreparedStatement sample =
                    db.prepareStatement("select id from department where org_id = ? order by random() limit 20000")) {
                sample.setObject(1, UUID.fromString(orgId));
                try (ResultSet rs = sample.executeQuery()) {
                    while (rs.next()) {
                        ids.add((UUID) rs.getObject(1));
                    }
                }
            }
        }
        double took = (System.nanoTime() - started) / 1e9;
        REPORT.info(() -> String.format(Locale.ROOT, "loaded %,d departments in %.0f s", big, took));
    }

    private static String user(BenchClient client, String admin, String email) throws Exception {
        String password = "Pw-" + UUID.randomUUID();
        client.send(
                "POST",
                "/api/v1/admin/users",
                admin,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Bench\"}");
        return client.login(email, password);
    }

    private String member(BenchClient client, String admin, String owner, String email, String role) throws Exception {
        String token = user(client, admin, email);
        client.send(
                "POST",
                "/api/v1/orgs/" + org + "/members",
                owner,
                "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        return token;
    }
}
