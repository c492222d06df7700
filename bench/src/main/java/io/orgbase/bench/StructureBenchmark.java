package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The organization-structure benchmark: one organization with a department tree of five levels (10
 * × 10 × 10 × 10 × {@code BENCH_LEAVES}, 101,110 departments by default), {@code BENCH_MEMBERS}
 * members (10,000) placed in its leaves and {@code BENCH_TEAMS} teams (500) of 20. At {@code
 * BENCH_CLIENTS} concurrent clients (1 and 8) for {@code BENCH_SECONDS} (20) each, after a warm-up: a
 * page of a top department's subtree (10,111 below it), of a third-level one (91 below), the
 * ancestors of a leaf, the member directory filtered to a top department's subtree and to a team,
 * and the whole analytics report. Then moves of third-level departments (each carrying 91
 * descendants) and of second-level ones (1,011), timed one at a time. Prints a Markdown table and
 * writes it to {@code bench-work/structure.md}. Everything it starts, it stops.
 */
public final class StructureBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    private final int leaves = BenchServer.setting("BENCH_LEAVES", 9);
    private final int members = BenchServer.setting("BENCH_MEMBERS", 10_000);
    private final int teams = BenchServer.setting("BENCH_TEAMS", 500);
    private final int seconds = BenchServer.setting("BENCH_SECONDS", 20);
    private final int[] clients = Arrays.stream(
                    System.getenv().getOrDefault("BENCH_CLIENTS", "1,8").split(","))
            .mapToInt(c -> Integer.parseInt(c.strip()))
            .toArray();

    private BenchClient client;
    private String token;
    private String org;
    private List<List<UUID>> levels;
    private List<UUID> teamIds;

    public static void main(String[] args) throws Exception {
        new StructureBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("home-" + System.currentTimeMillis());
        Launcher launcher = BenchServer.start(work, home, password);
        try {
            client = new BenchClient(launcher.baseUrl());
            StructureData data = new StructureData(leaves, members, teams);
            data.load(client, launcher, password);
            token = data.token;
            org = data.org;
            levels = data.levels;
            teamIds = data.teamIds;
            List<String> rows = new ArrayList<>();
            rows.add("| read | clients | req/s | p50 ms | p99 ms |");
            rows.add("|---|---:|---:|---:|---:|");
            String departments = "/api/v1/orgs/" + org + "/departments/";
            List<Read> reads = List.of(
                    new Read(
                            "subtree page, top department (10,111 below)",
                            () -> departments + pick(0) + "/descendants"),
                    new Read("subtree page, third level (91 below)", () -> departments + pick(2) + "/descendants"),
                    new Read("ancestors of a leaf", () -> departments + pick(4) + "/ancestors"),
                    new Read(
                            "members in a top department's subtree",
                            () -> "/api/v1/orgs/" + org + "/members?inDepartment=" + pick(0)),
                    new Read(
                            "members of a team",
                            () -> "/api/v1/orgs/" + org + "/members?teamId="
                                    + teamIds.get(ThreadLocalRandom.current().nextInt(teamIds.size()))),
                    new Read("analytics report", () -> "/api/v1/orgs/" + org + "/analytics"));
            for (Read read : reads) {
                Load.measureFor(
                        8, Math.max(5, seconds / 2), () -> ok(read.path().get()));
                for (int n : clients) {
                    Load.Result result =
                            Load.measureFor(n, seconds, () -> ok(read.path().get()));
                    rows.add(String.format(
                            Locale.ROOT,
                            "| %s | %d | %,.0f | %.1f | %.1f |",
                            read.label(),
                            n,
                            result.throughput(),
                            result.p50(),
                            result.p99()));
                    REPORT.info(rows.get(rows.size() - 1));
                }
            }
            rows.add("");
            rows.add("| move (one at a time) | moves | median ms | max ms |");
            rows.add("|---|---:|---:|---:|");
            rows.add(moves("third-level department, 91 below", 2, 20));
            rows.add(moves("second-level department, 1,011 below", 1, 10));
            String header = String.format(
                    Locale.ROOT,
                    "Orgbase structure: %,d departments in a 5-level tree, %,d members, %,d teams of 20; %d s per read;"
                            + " %d cores, %s%n%n",
                    levels.stream().mapToInt(List::size).sum(),
                    members,
                    teams,
                    seconds,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            String table = String.join("\n", rows) + "\n";
            Files.writeString(work.resolve("structure.md"), header + table);
            REPORT.info("\n" + header + table);
        } finally {
            launcher.close();
            BenchServer.discard(home);
        }
    }

    private record Read(String label, Supplier<String> path) {}

    private UUID pick(int level) {
        List<UUID> ids = levels.get(level);
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private void ok(String path) {
        HttpResponse<String> response = client.get(path, token);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Moves departments of one level under another department of the level above, one at a time. */
    private String moves(String label, int level, int count) throws Exception {
        long[] took = new long[count];
        for (int i = 0; i < count; i++) {
            UUID moved = levels.get(level).get(i);
            UUID target = levels.get(level - 1)
                    .get((i * 7 + 3) % levels.get(level - 1).size());
            long started = System.nanoTime();
            client.send(
                    "PATCH",
                    "/api/v1/orgs/" + org + "/departments/" + moved,
                    token,
                    "{\"parentId\":\"" + target + "\"}");
            took[i] = System.nanoTime() - started;
        }
        Arrays.sort(took);
        return String.format(
                Locale.ROOT, "| %s | %d | %.1f | %.1f |", label, count, took[count / 2] / 1e6, took[count - 1] / 1e6);
    }
}
