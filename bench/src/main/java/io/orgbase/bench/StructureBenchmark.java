package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    private final List<List<UUID>> levels = new ArrayList<>();
    private final List<UUID> teamIds = new ArrayList<>();

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
            prepare(launcher, password);
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

    private void prepare(Launcher launcher, String password) throws Exception {
        String admin = client.login("bench-admin@bench.example", password);
        String email = "bench-owner@bench.example";
        String ownerPassword = "Owner-" + UUID.randomUUID();
        client.send(
                "POST",
                "/api/v1/admin/users",
                admin,
                "{\"email\":\"" + email + "\",\"password\":\"" + ownerPassword + "\",\"displayName\":\"Bench owner\"}");
        token = client.login(email, ownerPassword);
        org = "bench-tree";
        UUID orgId = UUID.fromString(BenchClient.field(
                client.send("POST", "/api/v1/orgs", token, "{\"slug\":\"bench-tree\",\"name\":\"Tree\"}"), "id"));
        long started = System.nanoTime();
        try (Connection db = launcher.database().superuserConnection()) {
            // A level at a time, analyzed before the next: the trigger's parent lookup is planned
            // once per session, and a plan made while the table looked empty would scan it.
            levels.add(departments(db, orgId, null, 10, 1));
            for (int level = 2; level <= 5; level++) {
                levels.add(departments(db, orgId, levels.get(level - 2), level == 5 ? leaves : 10, level));
            }
            people(db, orgId);
            try (Statement analyze = db.createStatement()) {
                analyze.execute("VACUUM ANALYZE department");
                analyze.execute("VACUUM ANALYZE membership");
                analyze.execute("VACUUM ANALYZE team_member");
            }
        }
        REPORT.info(String.format(
                Locale.ROOT,
                "loaded %,d departments, %,d members and %,d teams in %.0f s",
                levels.stream().mapToInt(List::size).sum(),
                members,
                teams,
                (System.nanoTime() - started) / 1e9));
    }

    /** {@code each} departments under every parent (or at the top); the database's trigger keeps the paths. */
    private static List<UUID> departments(Connection db, UUID org, List<UUID> parents, int each, int level)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into department (id, org_id, name, code, parent_id,"
                + " created_at, updated_at, version) select gen_random_uuid(), ?, 'L" + level + " ' || p.n || '-' || i,"
                + " 'L" + level + "-' || p.n || '-' || i, p.id, now(), now(), 1"
                + " from (select id, row_number() over () n from unnest(?::uuid[]) id) p, generate_series(1, ?) i")) {
            insert.setObject(1, org);
            insert.setArray(2, db.createArrayOf("uuid", parents == null ? new Object[] {null} : parents.toArray()));
            insert.setInt(3, each);
            insert.executeUpdate();
        }
        try (Statement analyze = db.createStatement()) {
            analyze.execute("ANALYZE department");
        }
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement select =
                db.prepareStatement("select id from department where org_id = ? and depth = ? order by id")) {
            select.setObject(1, org);
            select.setInt(2, level);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add((UUID) rs.getObject(1));
                }
            }
        }
        return ids;
    }

    /** Users and memberships placed in random leaves, half of them active recently, and teams of 20. */
    private void people(Connection db, UUID org) throws SQLException {
        try (PreparedStatement users = db.prepareStatement(
                        "insert into app_user (id, email, display_name,"
                                + " password_hash, created_at, updated_at) select gen_random_uuid(), 'member' || i"
                                + " || '@bench.example', 'Member ' || i, 'not-a-hash', now(), now() from generate_series(1, ?) i");
                PreparedStatement memberships = db.prepareStatement(
                        "insert into membership (id, org_id, user_id, role,"
                                + " created_at, updated_at, department_id, last_active_at) select gen_random_uuid(), ?, u.id,"
                                + " 'member', now() - (random() * interval '700 days'), now(), (?::uuid[])[1 + floor(random() * ?)::int],"
                                + " case when random() < 0.5 then now() end from app_user u where u.email like 'member%@bench.example'")) {
            users.setInt(1, members);
            users.executeUpdate();
            memberships.setObject(1, org);
            memberships.setArray(2, db.createArrayOf("uuid", levels.get(4).toArray()));
            memberships.setInt(3, levels.get(4).size());
            memberships.executeUpdate();
        }
        try (PreparedStatement insert =
                db.prepareStatement("insert into team (id, org_id, name, created_at, updated_at)"
                        + " select gen_random_uuid(), ?, 'Team ' || i, now(), now() from generate_series(1, ?) i")) {
            insert.setObject(1, org);
            insert.setInt(2, teams);
            insert.executeUpdate();
        }
        try (PreparedStatement insert =
                db.prepareStatement("insert into team_member (id, org_id, team_id, user_id, role,"
                        + " created_at, updated_at) select gen_random_uuid(), t.org_id, t.id, m.user_id,"
                        + " case when m.n = 1 and t.n % 2 = 0 then 'lead' else 'member' end, now(), now()"
                        + " from (select id, org_id, row_number() over (order by id) n from team where org_id = ?) t"
                        + " cross join lateral (select user_id, row_number() over () n from membership"
                        + " where org_id = t.org_id and role = 'member' offset (t.n * 20) % ? limit 20) m")) {
            insert.setObject(1, org);
            insert.setInt(2, Math.max(1, members - 20));
            insert.executeUpdate();
        }
        try (PreparedStatement select = db.prepareStatement("select id from team where org_id = ?")) {
            select.setObject(1, org);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    teamIds.add((UUID) rs.getObject(1));
                }
            }
        }
    }
}
