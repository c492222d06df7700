package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The request path against its framework floor: single-record reads (an organization, a department,
 * a member) and member lists through Orgbase, and in the same Payara Micro a second application
 * ({@code io.orgbase.bench.floor}) that does a department read's database work with nothing else:
 * no authentication, no tenant resolution, no EJB, no ORM. Data: the structure benchmark's
 * ({@link StructureData}: 101,110 departments, 10,000 members) and, each with the owner as a
 * member, {@code BENCH_FEW_ORGS} (10) organizations, later {@code BENCH_MANY_ORGS} (10,000).
 *
 * <p>Phases, on the same data: the server with its caches off ({@code ORGBASE_ACCESS_CACHE=false}:
 * every request resolves its organization afresh; {@code ORGBASE_TOKEN_CACHE=false}: every token is
 * verified afresh; {@code ORGBASE_TAG_CACHE=false}: every record's tags are read afresh); restarted
 * with them on, where
 * the department read is first timed in 10 s windows from the restart (time to warm); then with the
 * organizations multiplied. Each read at {@code BENCH_CLIENTS} (16) clients in {@code BENCH_ROUNDS}
 * (3) rounds of {@code BENCH_SECONDS} (10) taken in turn, the median round reported, and the
 * server's resident memory after each phase. Writes {@code bench-work/request-path.md}.
 */
public final class RequestPathBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    private final int clients = BenchServer.setting("BENCH_CLIENTS", 16);
    private final int rounds = BenchServer.setting("BENCH_ROUNDS", 3);
    private final int seconds = BenchServer.setting("BENCH_SECONDS", 10);
    /** The first phase's warm-up: as long as the windows that time the second phase's (see the README). */
    private final int warmUp = BenchServer.setting("BENCH_WARMUP", 180);

    private final int warmWindows = BenchServer.setting("BENCH_WARM_WINDOWS", 18);
    private final int fewOrgs = BenchServer.setting("BENCH_FEW_ORGS", 10);
    private final int manyOrgs = BenchServer.setting("BENCH_MANY_ORGS", 10_000);
    private final StructureData data =
            new StructureData(BenchServer.setting("BENCH_LEAVES", 9), BenchServer.setting("BENCH_MEMBERS", 10_000), 0);

    private Launcher launcher;
    private BenchClient client;
    private UUID treeOrg;
    private final List<UUID> orgIds = new ArrayList<>();
    private final List<UUID> memberIds = new ArrayList<>();
    private List<UUID> departmentIds;

    public static void main(String[] args) throws Exception {
        new RequestPathBenchmark().run();
    }

    /** One read: its label and a request to send. */
    private record Read(String label, Supplier<String> path, boolean floor) {}

    private List<Read> reads() {
        String tree = "/api/v1/orgs/" + data.org;
        return List.of(
                new Read(
                        "floor: a department, bare JAX-RS + JDBC",
                        () -> "/floor/orgs/" + treeOrg + "/departments/" + pick(departmentIds),
                        true),
                new Read("an organization by id", () -> "/api/v1/orgs/" + pick(orgIds), false),
                new Read("a department by id", () -> tree + "/departments/" + pick(departmentIds), false),
                new Read("a member by id", () -> tree + "/members/" + pick(memberIds), false),
                new Read("first 50 members", () -> tree + "/members?limit=50", false),
                new Read(
                        "50 members matching a search",
                        () -> tree + "/members?limit=50&q=" + URLEncoder.encode("Member 12", StandardCharsets.UTF_8),
                        false));
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("home-" + System.currentTimeMillis());
        System.setProperty(Launcher.ALSO_DEPLOY, floorWar(work) + ":floor");
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "Orgbase request path: %d clients, median of %d rounds of %d s per read; %d cores, %s%n%n",
                clients,
                rounds,
                seconds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        try {
            launcher = BenchServer.start(
                    work,
                    home,
                    password,
                    Map.of(
                            "ORGBASE_ACCESS_CACHE", "false",
                            "ORGBASE_TOKEN_CACHE", "false",
                            "ORGBASE_TAG_CACHE", "false",
                            "ORGBASE_RATE_LIMIT_EXPENSIVE_CONCURRENT", "64"));
            client = new BenchClient(launcher.baseUrl());
            data.load(client, launcher, password);
            prepare(fewOrgs);
            warm(warmUp);
            report.append(phase("caches off, " + fewOrgs + " organizations"));
            launcher.close();

            launcher = BenchServer.start(
                    work,
                    home,
                    password,
                    Map.of(
                            "ORGBASE_ACCESS_CACHE", "true",
                            "ORGBASE_TOKEN_CACHE", "true",
                            "ORGBASE_TAG_CACHE", "true",
                            "ORGBASE_RATE_LIMIT_EXPENSIVE_CONCURRENT", "64"));
            client = new BenchClient(launcher.baseUrl());
            data.token = client.login(data.ownerEmail, data.ownerPassword);
            report.append(timeToWarm());
            report.append(phase("caches on, " + fewOrgs + " organizations"));

            prepare(manyOrgs);
            report.append(firstVisits());
            warm(60);
            report.append(phase("caches on, " + manyOrgs + " organizations"));
        } finally {
            if (launcher != null) {
                launcher.close();
            }
            BenchServer.discard(home);
        }
        Files.writeString(work.resolve("request-path.md"), report);
        REPORT.info("\n" + report);
    }

    private static <T> T pick(List<T> from) {
        return from.get(ThreadLocalRandom.current().nextInt(from.size()));
    }

    /** The floor application's WAR, from this module's compiled classes. */
    private static Path floorWar(Path work) throws Exception {
        Path classes = Path.of(RequestPathBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path floor = classes.resolve("io/orgbase/bench/floor");
        Path war = work.resolve("floor.war");
        try (OutputStream out = Files.newOutputStream(war);
                ZipOutputStream zip = new ZipOutputStream(out);
                Stream<Path> files = Files.list(floor)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + classes.relativize(file)));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return war;
    }

    /**
     * Up to {@code total} organizations with the owner as a member (the structure's one included),
     * written straight into the database as copies of it with 10 departments each; then the ids read.
     */
    private void prepare(int total) throws Exception {
        try (Connection db = launcher.database().superuserConnection()) {
            if (treeOrg == null) {
                treeOrg = uuid(db, "select id from organization where slug = 'bench-tree'");
            }
            int existing = (int) count(db, "select count(*) from organization where slug like 'bench-%'");
            if (total > existing) {
                copyOrganizations(db, existing, total - existing);
            }
            orgIds.clear();
            orgIds.addAll(uuids(db, "select id from organization where slug like 'bench-%'"));
            if (departmentIds == null) {
                departmentIds = uuids(
                        db, "select id from department where org_id = '" + treeOrg + "' order by random() limit 20000");
                memberIds.addAll(uuids(
                        db,
                        "select user_id from membership where org_id = '" + treeOrg
                                + "' order by random() limit 20000"));
            }
        }
        REPORT.info(() -> String.format(Locale.ROOT, "%,d organizations", orgIds.size()));
    }

    private void copyOrganizations(Connection db, int from, int count) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = db.createStatement()
                .executeQuery("select column_name from information_schema.columns where table_schema = 'public'"
                        + " and table_name = 'organization' order by ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        Map<String, String> replaced = new LinkedHashMap<>();
        replaced.put("id", "gen_random_uuid()");
        replaced.put("slug", "'bench-o' || i");
        replaced.put("name", "'Organization ' || i");
        replaced.put("code", "'BENCH-O' || i");
        replaced.put("parent_id", "null");
        String select = columns.stream()
                .map(c -> replaced.getOrDefault(c, "o." + c))
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        try (PreparedStatement insert = db.prepareStatement("insert into organization (" + String.join(", ", columns)
                + ") select " + select + " from organization o, generate_series(?, ?) i where o.id = ?")) {
            insert.setInt(1, from);
            insert.setInt(2, from + count - 1);
            insert.setObject(3, treeOrg);
            insert.executeUpdate();
        }
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate("insert into membership (id, org_id, user_id, role, created_at, updated_at)"
                    + " select gen_random_uuid(), o.id, m.user_id, 'owner', now(), now() from organization o,"
                    + " membership m where m.org_id = '" + treeOrg + "' and m.role = 'owner' and o.slug like 'bench-o%'"
                    + " and not exists (select 1 from membership x where x.org_id = o.id)");
            statement.executeUpdate("insert into department (id, org_id, name, code, created_at, updated_at, version)"
                    + " select gen_random_uuid(), o.id, 'Dept ' || i, 'D' || i, now(), now(), 1 from organization o,"
                    + " generate_series(1, 10) i where o.slug like 'bench-o%'"
                    + " and not exists (select 1 from department x where x.org_id = o.id)");
            statement.execute("VACUUM ANALYZE organization");
            statement.execute("VACUUM ANALYZE membership");
            statement.execute("VACUUM ANALYZE department");
        }
    }

    private void warm(int seconds) throws InterruptedException {
        for (Read read : reads()) {
            Load.measureFor(clients, Math.max(5, seconds / reads().size()), () -> send(read));
        }
    }

    /**
     * Every organization read once, in a random order, at the benchmark's clients: what a first visit
     * costs while the server holds nothing about that organization yet (the access cache resolves it
     * with its five round trips, the ORM reads it). The phase after it measures the same read warm,
     * as a server in service has it; without this pass the phase's rounds mixed the two.
     */
    private String firstVisits() throws InterruptedException {
        List<UUID> order = new ArrayList<>(orgIds);
        Collections.shuffle(order);
        AtomicInteger next = new AtomicInteger();
        Read first = new Read(
                "an organization by id, first visit",
                () -> "/api/v1/orgs/" + order.get(next.getAndIncrement() % order.size()),
                false);
        List<Load.Result> windows = new ArrayList<>();
        while (next.get() < order.size()) {
            windows.add(Load.measureFor(clients, 5, () -> send(first)));
        }
        Load.Result all = Load.merge(windows);
        String line = String.format(
                Locale.ROOT,
                "First visit of each of %,d organizations (a random order, at %d clients): %.0f req/s, p50 %.1f ms,"
                        + " p99 %.1f ms%n%n",
                order.size(),
                clients,
                all.throughput(),
                all.p50(),
                all.p99());
        REPORT.info(line);
        return line;
    }

    /** After a restart: the department read in 10 s windows, until {@code BENCH_WARM_WINDOWS} of them. */
    private String timeToWarm() throws InterruptedException {
        Read read = reads().get(2);
        List<String> rates = new ArrayList<>();
        for (int window = 0; window < warmWindows; window++) {
            rates.add(String.format(
                    Locale.ROOT,
                    "%.0f",
                    Load.measureFor(clients, 10, () -> send(read)).throughput()));
        }
        String line = "Time to warm after a restart, " + read.label() + " at " + clients
                + " clients, req/s in consecutive 10 s windows from the server's readiness: "
                + String.join(", ", rates) + "\n\n";
        REPORT.info(line);
        return line;
    }

    private String phase(String title) throws Exception {
        List<Read> reads = reads();
        Load.Result[][] results = new Load.Result[reads.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int r = 0; r < reads.size(); r++) {
                Read read = reads.get(r);
                results[r][round] = Load.measureFor(clients, seconds, () -> send(read));
            }
        }
        double floor = median(results[0]).throughput();
        StringBuilder table = new StringBuilder("### " + title + "\n\n"
                + "| read | req/s | p50 ms | p99 ms | of the floor |\n|---|---:|---:|---:|---:|\n");
        for (int r = 0; r < reads.size(); r++) {
            Load.Result median = median(results[r]);
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.1f | %.1f | %.0f%% |%n",
                    reads.get(r).label(),
                    median.throughput(),
                    median.p50(),
                    median.p99(),
                    100 * median.throughput() / floor));
        }
        long pid = launcher.serverPid();
        table.append(String.format(
                Locale.ROOT,
                "%nPayara Micro resident: %,d MB now, %,d MB at most since its start%n%n",
                status(pid, "VmRSS:") / 1024,
                status(pid, "VmHWM:") / 1024));
        REPORT.info("\n" + table);
        return table.toString();
    }

    /** The round of median throughput. */
    private static Load.Result median(Load.Result[] rounds) {
        Load.Result[] sorted = rounds.clone();
        java.util.Arrays.sort(sorted, java.util.Comparator.comparingDouble(Load.Result::throughput));
        return sorted[sorted.length / 2];
    }

    private void send(Read read) {
        String path = read.path().get();
        HttpResponse<String> response = client.get(path, read.floor() ? "none" : data.token);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A {@code /proc/<pid>/status} line's value in kB. */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static UUID uuid(Connection db, String sql) throws SQLException {
        return uuids(db, sql).get(0);
    }

    private static List<UUID> uuids(Connection db, String sql) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
