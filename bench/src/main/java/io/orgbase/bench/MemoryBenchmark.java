package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Micro's resident memory under the request path's load, for one or more sets of JVM
 * options on the same data: each set gets a fresh server start, then the request benchmark's reads
 * (an organization, a department, a member by id, the first 50 members, a member search) at
 * {@code BENCH_CLIENTS} (16) clients, {@code BENCH_ROUNDS} (3) rounds of {@code BENCH_SECONDS}
 * (20) each, while the server's resident set is sampled every half second.
 *
 * <p>{@code BENCH_MEMORY_OPTIONS}: the sets, separated by {@code |}; {@code default} (the default)
 * is the launcher's own defaults, which is what the target is about. With
 * {@code BENCH_NMT=true} each set also runs with native memory tracking and the report shows where
 * the committed memory is (tracking itself costs a little). Writes {@code bench-work/memory.md}.
 */
public final class MemoryBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");
    private static final Pattern NMT_LINE =
            Pattern.compile("^-\\s*(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)", Pattern.MULTILINE);
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    private final int clients = BenchServer.setting("BENCH_CLIENTS", 16);
    private final int rounds = BenchServer.setting("BENCH_ROUNDS", 3);
    private final int seconds = BenchServer.setting("BENCH_SECONDS", 20);
    private final boolean nmt = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_NMT", "false"));
    private final StructureData data =
            new StructureData(BenchServer.setting("BENCH_LEAVES", 2), BenchServer.setting("BENCH_MEMBERS", 10_000), 0);

    private final List<UUID> orgIds = new ArrayList<>();
    private final List<UUID> departmentIds = new ArrayList<>();
    private final List<UUID> memberIds = new ArrayList<>();
    private BenchClient client;

    public static void main(String[] args) throws Exception {
        new MemoryBenchmark().run();
    }

    private record Read(String label, Supplier<String> path) {}

    private List<Read> reads() {
        String tree = "/api/v1/orgs/" + data.org;
        return List.of(
                new Read("an organization by id", () -> "/api/v1/orgs/" + pick(orgIds)),
                new Read("a department by id", () -> tree + "/departments/" + pick(departmentIds)),
                new Read("a member by id", () -> tree + "/members/" + pick(memberIds)),
                new Read("first 50 members", () -> tree + "/members?limit=50"),
                new Read(
                        "50 members matching a search",
                        () -> tree + "/members?limit=50&q=" + URLEncoder.encode("Member 12", StandardCharsets.UTF_8)));
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("memory-home-" + System.currentTimeMillis());
        String[] variants =
                System.getenv().getOrDefault("BENCH_MEMORY_OPTIONS", "default").split("\\|");
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "Payara Micro resident memory under load: %d clients, %d rounds of %d s of each read; %d cores, %s%n%n"
                        + "| JVM options | peak RSS MB | RSS after MB | department by id req/s | p99 ms | all reads req/s |%n"
                        + "|---|---:|---:|---:|---:|---:|%n",
                clients,
                rounds,
                seconds,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        StringBuilder breakdowns = new StringBuilder();
        try {
            Launcher loader = BenchServer.start(work, home, password);
            try {
                data.load(new BenchClient(loader.baseUrl()), loader, password);
                ids(loader);
            } finally {
                loader.close();
            }
            for (String variant : variants) {
                report.append(measure(work, home, password, variant.strip(), breakdowns));
                Files.writeString(work.resolve("memory.md"), report + "\n" + breakdowns);
            }
        } finally {
            BenchServer.discard(home);
        }
        REPORT.info("\n" + report + "\n" + breakdowns);
    }

    private String measure(Path work, Path home, String password, String variant, StringBuilder breakdowns)
            throws Exception {
        Map<String, String> settings = new HashMap<>();
        String options = variant.equals("default") ? "" : variant;
        if (nmt) {
            options = (options.isEmpty() ? defaultOptions() : options) + " -XX:NativeMemoryTracking=summary";
        }
        if (!options.isEmpty()) {
            settings.put("ORGBASE_JAVA_OPTS", options);
        }
        Launcher launcher = BenchServer.start(work, home, password, settings);
        try {
            long pid = launcher.serverPid();
            client = new BenchClient(launcher.baseUrl());
            data.token = client.login(data.ownerEmail, data.ownerPassword);
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(status(pid, "VmRSS:"), Math::max);
                    try {
                        TimeUnit.MILLISECONDS.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            List<Read> reads = reads();
            Load.Result[] department = new Load.Result[rounds];
            long requests = 0;
            long nanos = 0;
            for (int round = 0; round < rounds; round++) {
                for (int r = 0; r < reads.size(); r++) {
                    Read read = reads.get(r);
                    Load.Result result = Load.measureFor(clients, seconds, () -> send(read));
                    requests += result.latencies().length;
                    nanos += result.nanos();
                    if (r == 1) {
                        department[round] = result;
                    }
                }
            }
            sampler.interrupt();
            sampler.join();
            long after = status(pid, "VmRSS:");
            long highWater = Math.max(peak.get(), status(pid, "VmHWM:"));
            java.util.Arrays.sort(department, java.util.Comparator.comparingDouble(Load.Result::throughput));
            Load.Result median = department[department.length / 2];
            if (nmt) {
                breakdowns.append(nativeMemory(pid, variant));
            }
            String row = String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %.0f | %.1f | %.0f |%n",
                    variant.equals("default") ? "launcher defaults (`" + defaultOptions() + "`)" : "`" + variant + "`",
                    highWater / 1024,
                    after / 1024,
                    median.throughput(),
                    median.p99(),
                    requests / (nanos / 1e9));
            REPORT.info(row);
            return row;
        } finally {
            launcher.close();
        }
    }

    private static String defaultOptions() {
        return io.orgbase.launcher.LauncherSettings.defaultJavaOptions();
    }

    /** The committed memory by native memory tracking's categories, largest first. */
    private static String nativeMemory(long pid, String variant) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid),
                        "VM.native_memory",
                        "summary")
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        Map<String, Long> committed = new LinkedHashMap<>();
        Matcher line = NMT_LINE.matcher(out);
        while (line.find()) {
            committed.put(line.group(1).strip(), Long.parseLong(line.group(3)) / 1024);
        }
        Matcher total = NMT_TOTAL.matcher(out);
        StringBuilder text = new StringBuilder("Native memory tracking, `" + variant + "`: committed "
                + (total.find() ? Long.parseLong(total.group(2)) / 1024 + " MB" : "?") + " — ");
        committed.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .forEach(e ->
                        text.append(e.getKey()).append(' ').append(e.getValue()).append(" MB, "));
        text.setLength(text.length() - 2);
        return text.append("\n\n").toString();
    }

    private void ids(Launcher launcher) throws SQLException {
        try (Connection db = launcher.database().superuserConnection();
                Statement statement = db.createStatement()) {
            UUID tree = first(statement, "select id from organization where slug = '" + data.org + "'");
            orgIds.add(tree);
            departmentIds.addAll(all(
                    statement,
                    "select id from department where org_id = '" + tree + "' order by random() limit 20000"));
            memberIds.addAll(all(
                    statement,
                    "select user_id from membership where org_id = '" + tree + "' order by random() limit 20000"));
        }
    }

    private static UUID first(Statement statement, String sql) throws SQLException {
        return all(statement, sql).get(0);
    }

    private static List<UUID> all(Statement statement, String sql) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }

    private static <T> T pick(List<T> from) {
        return from.get(ThreadLocalRandom.current().nextInt(from.size()));
    }

    private void send(Read read) {
        String path = read.path().get();
        HttpResponse<String> response = client.get(path, data.token);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A {@code /proc/<pid>/status} line's value in kB (0 once the process is gone). */
    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return 0;
    }
}
