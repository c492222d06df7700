package io.orgbase.bench;

import io.orgbase.launcher.Launcher;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Imports and exports end to end, beside the database's own limit: {@code BENCH_ROWS} (100,000)
 * departments as a tree (ten children each) and {@code BENCH_CONTACTS} (100,000) contacts with an
 * email and a phone, each file first loaded with {@code COPY} into an unlogged table in the same
 * database (the physical limit) and written from there into the collection's tables by plain SQL
 * (the schema's own cost, rolled back), then imported through the API as a batch job and watched to
 * its end, with the time of each of its steps; then the departments exported to CSV and XLSX, and
 * the whole organization written as a bundle and loaded as a new one. The server's heap is sampled every second
 * ({@code jstat}): the peak used, and the old generation's peak, which is what stays. Writes {@code
 * bench-work/data-jobs.md}; everything it starts, it stops.
 */
public final class DataJobBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    private final int departments = BenchServer.setting("BENCH_ROWS", 100_000);
    private final int contacts = BenchServer.setting("BENCH_CONTACTS", 100_000);
    private final List<String> lines = new ArrayList<>();

    private Launcher launcher;
    private BenchClient client;
    private String token;
    private final String org = "bench-jobs";

    public static void main(String[] args) throws Exception {
        new DataJobBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("home-" + System.currentTimeMillis());
        lines.add("| what | rows | seconds | rows/s | COPY rows/s | share of COPY | SQL rows/s | share of SQL"
                + " | peak heap used MB | peak old gen MB |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try {
            launcher = BenchServer.start(work, home, password);
            client = new BenchClient(launcher.baseUrl());
            token = client.login("bench-admin@bench.example", password);
            client.send("POST", "/api/v1/orgs", token, "{\"slug\":\"" + org + "\",\"name\":\"Bench jobs\"}");
            client.send("POST", "/api/v1/orgs", token, "{\"slug\":\"bench-sql\",\"name\":\"Bench SQL\"}");

            Path tree = work.resolve("departments.csv");
            write(
                    tree,
                    "code,name,parentCode,description",
                    departments,
                    i -> "D" + i + ",Department " + i + "," + (i < 10 ? "" : "D" + (i / 10))
                            + ",Imported by the benchmark");
            importing("departments", tree, departments);
            double[] copyTree = copy(tree, "code text, name text, parent_code text, description text", db -> {
                String insert = "insert into department (id, org_id, name, code, parent_id, description,"
                        + " created_at, updated_at) select gen_random_uuid(), o.id, b.name, b.code, p.id,"
                        + " b.description, now(), now() from bench_copy b cross join (select id from organization"
                        + " where slug = 'bench-sql') o left join department p on p.org_id = o.id"
                        + " and p.code = b.parent_code where length(b.code) = ?";
                // the benchmark's tree: a code's length is its level (D0-D9, then D10-D99 below them…)
                try (PreparedStatement level = db.prepareStatement(insert)) {
                    for (int length = 2; ; length++) {
                        level.setInt(1, length);
                        if (level.executeUpdate() == 0) {
                            break;
                        }
                        try (Statement statement = db.createStatement()) {
                            // as the import does: without it the next level joins a table the
                            // planner believes empty, by nested scans
                            statement.execute("analyze department");
                        }
                    }
                }
            });
            limits(copyTree);

            Path people = work.resolve("contacts.csv");
            write(
                    people,
                    "email,firstName,lastName,phone",
                    contacts,
                    i -> "person" + i + "@bench.example,Person,P" + i + ",+4144668"
                            + String.format(Locale.ROOT, "%04d", i % 10_000));
            importing("contacts", people, contacts);
            double[] copyPeople = copy(people, "email text, first_name text, last_name text, phone text", db -> {
                try (Statement statement = db.createStatement()) {
                    statement.execute("create temporary table bench_ids on commit drop as"
                            + " select gen_random_uuid() as id, o.id as org_id, b.* from bench_copy b"
                            + " cross join (select id from organization where slug = 'bench-sql') o");
                    statement.execute("insert into contact (id, org_id, first_name, last_name, created_at,"
                            + " updated_at) select id, org_id, first_name, last_name, now(), now() from bench_ids");
                    statement.execute("insert into contact_email (id, org_id, contact_id, email, is_primary,"
                            + " created_at, updated_at) select gen_random_uuid(), org_id, id, email, true, now(),"
                            + " now() from bench_ids");
                    statement.execute("insert into contact_phone (id, org_id, contact_id, number, is_primary,"
                            + " created_at, updated_at) select gen_random_uuid(), org_id, id, phone, true, now(),"
                            + " now() from bench_ids");
                }
            });
            limits(copyPeople);

            for (String format : List.of("csv", "xlsx")) {
                exporting(format, work.resolve("export." + format));
            }
            bundle(work.resolve("bundle.zip"));
        } finally {
            if (launcher != null) {
                launcher.close();
            }
            BenchServer.discard(home);
        }
        String report = String.format(
                        Locale.ROOT,
                        "Data jobs on Payara Micro (%s): %,d departments (a tree, ten children each), %,d contacts"
                                + " (an email and a phone each); heap sampled every second%n%n",
                        System.getenv()
                                .getOrDefault(
                                        "ORGBASE_JAVA_OPTS", io.orgbase.launcher.LauncherSettings.defaultJavaOptions()),
                        departments,
                        contacts)
                + String.join("\n", lines) + "\n";
        Files.writeString(work.resolve("data-jobs.md"), report);
        REPORT.info("\n" + report);
    }

    private static void write(Path file, String header, int rows, java.util.function.IntFunction<String> row)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            for (int i = 0; i < rows; i++) {
                out.write(row.apply(i));
                out.write('\n');
            }
        }
    }

    /** Writes the rows loaded into {@code bench_copy} to the collection's real tables, with plain SQL. */
    private interface SqlWrite {
        void write(Connection db) throws SQLException;
    }

    /**
     * Two limits for the file, in rows per second: loaded with COPY into an unlogged table of the
     * same database (the physical limit), and written from there into the collection's own tables
     * (indexes, triggers, constraints checked) by plain {@code INSERT … SELECT} as the superuser,
     * then rolled back (what the schema itself costs, with no application in between).
     */
    private double[] copy(Path file, String columns, SqlWrite sql) throws SQLException, IOException {
        try (Connection db = launcher.database().superuserConnection()) {
            try (Statement statement = db.createStatement()) {
                statement.execute("create unlogged table bench_copy (" + columns + ")");
            }
            long rows;
            long start = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                rows = db.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("copy bench_copy from stdin with (format csv, header true)", in);
            }
            double copySeconds = (System.nanoTime() - start) / 1e9;
            db.setAutoCommit(false);
            start = System.nanoTime();
            try (Statement statement = db.createStatement()) {
                statement.execute("analyze bench_copy"); // rows moments old have no statistics
            }
            sql.write(db);
            try (Statement statement = db.createStatement()) {
                statement.execute("set constraints all immediate");
            }
            double sqlSeconds = (System.nanoTime() - start) / 1e9;
            db.rollback();
            db.setAutoCommit(true);
            try (Statement statement = db.createStatement()) {
                statement.execute("drop table bench_copy");
            }
            return new double[] {rows / copySeconds, rows / sqlSeconds};
        }
    }

    /** The import's row of the report, finished with the limits measured after it. */
    private String pending;

    private int pendingRows;
    private double pendingSeconds;

    private void limits(double[] limits) {
        int at = lines.indexOf(pending);
        lines.set(
                at,
                String.format(
                        Locale.ROOT,
                        pending,
                        limits[0],
                        100 * pendingRows / pendingSeconds / limits[0],
                        limits[1],
                        100 * pendingRows / pendingSeconds / limits[1]));
    }

    private void importing(String collection, Path file, int rows) throws Exception {
        String base = "/api/v1/orgs/" + org + "/data-jobs";
        String fileId = BenchClient.field(
                client.upload(base + "/files?name=" + file.getFileName(), token, file, "text/csv"), "id");
        long start = System.nanoTime();
        String job = BenchClient.field(
                client.send(
                        "POST", base, token, "{\"collection\":\"" + collection + "\",\"fileId\":\"" + fileId + "\"}"),
                "id");
        Watched watched = watch(base + "/" + job);
        double seconds = (System.nanoTime() - start) / 1e9;
        // the limits are measured after the import (their rolled-back rows must not slow it down)
        pending = String.format(
                Locale.ROOT,
                "| import %s (%s) | %,d | %.1f | %,.0f | %%,.0f | %%.1f%%%% | %%,.0f | %%.0f%%%% | %d | %d |",
                collection,
                watched.status(),
                rows,
                seconds,
                rows / seconds,
                watched.heapMb(),
                watched.oldMb());
        pendingRows = rows;
        pendingSeconds = seconds;
        lines.add(pending);
        REPORT.info(pending + " " + watched.body());
        lines.add("|   steps: " + steps(job) + " | | | | | | | | | |");
    }

    /** How long each step of the job's last execution took (the batch runtime's own record). */
    private String steps(String job) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Connection db = launcher.database().superuserConnection()) {
            // the runtime names its tables with the server's prefix
            String table;
            try (Statement names = db.createStatement();
                    ResultSet rs = names.executeQuery("select table_name from information_schema.tables"
                            + " where table_schema = 'orgbase_batch'"
                            + " and table_name like '%stepexecutioninstancedata'")) {
                rs.next();
                table = rs.getString(1);
            }
            try (PreparedStatement statement = db.prepareStatement(
                    "select s.stepname, extract(epoch from s.endtime - s.starttime) from orgbase_batch." + table
                            + " s join data_job j on j.execution_id = s.jobexecid where j.id = ?::uuid"
                            + " order by s.stepexecid")) {
                statement.setString(1, job);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        steps.add(String.format(Locale.ROOT, "%s %.1f s", rs.getString(1), rs.getDouble(2)));
                    }
                }
            }
        } catch (SQLException e) {
            steps.add("unknown (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return String.join(", ", steps);
    }

    private void exporting(String format, Path target) throws Exception {
        String base = "/api/v1/orgs/" + org + "/data-jobs";
        long start = System.nanoTime();
        String job = BenchClient.field(
                client.send(
                        "POST",
                        base,
                        token,
                        "{\"type\":\"export\",\"collection\":\"departments\",\"format\":\"" + format + "\"}"),
                "id");
        Watched watched = watch(base + "/" + job);
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = client.download(base + "/" + job + "/result", token, target);
        lines.add(String.format(
                Locale.ROOT,
                "| export departments to %s (%s, %,d MB) | %,d | %.1f | %,.0f | – | – | – | – | %d | %d |",
                format,
                watched.status(),
                bytes >> 20,
                departments,
                seconds,
                departments / seconds,
                watched.heapMb(),
                watched.oldMb()));
        REPORT.info(lines.get(lines.size() - 1));
    }

    /**
     * The whole organization as a bundle (every department, contact, email and phone the imports
     * wrote), downloaded, then loaded as a new organization: both are one request each, so the heap
     * is sampled beside them.
     */
    private void bundle(Path target) throws Exception {
        String orgId =
                BenchClient.field(client.get("/api/v1/orgs/" + org, token).body(), "id");
        long[] peaks = new long[2];
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long[] sample = heap(launcher.serverPid());
                peaks[0] = Math.max(peaks[0], sample[0]);
                peaks[1] = Math.max(peaks[1], sample[1]);
                try {
                    TimeUnit.MILLISECONDS.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try {
            long start = System.nanoTime();
            long bytes = client.download("/api/v1/admin/organizations/" + orgId + "/bundle", token, target);
            double exportSeconds = (System.nanoTime() - start) / 1e9;
            long[] exportPeaks = peaks.clone();
            peaks[0] = 0;
            peaks[1] = 0;
            start = System.nanoTime();
            String loaded = client.upload(
                    "/api/v1/admin/organization-bundles?slug=bench-bundle-copy", token, target, "application/zip");
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            java.util.regex.Matcher count =
                    java.util.regex.Pattern.compile("\"rows\":(\\d+)").matcher(loaded);
            long rows = count.find() ? Long.parseLong(count.group(1)) : 0;
            lines.add(String.format(
                    Locale.ROOT,
                    "| bundle export, whole organization (%,d MB zip) | %,d | %.1f | %,.0f | – | – | – | – | %d | %d |",
                    bytes >> 20,
                    rows,
                    exportSeconds,
                    rows / exportSeconds,
                    exportPeaks[0] >> 10,
                    exportPeaks[1] >> 10));
            lines.add(String.format(
                    Locale.ROOT,
                    "| bundle load as a new organization | %,d | %.1f | %,.0f | – | – | – | – | %d | %d |",
                    rows,
                    loadSeconds,
                    rows / loadSeconds,
                    peaks[0] >> 10,
                    peaks[1] >> 10));
            REPORT.info(lines.get(lines.size() - 2) + "\n" + lines.get(lines.size() - 1));
        } finally {
            sampler.interrupt();
        }
    }

    /** How a job ended and the heap's peaks while it ran. */
    private record Watched(String status, long heapMb, long oldMb, String body) {}

    private Watched watch(String path) throws Exception {
        long heap = 0;
        long old = 0;
        while (true) {
            long[] sample = heap(launcher.serverPid());
            heap = Math.max(heap, sample[0]);
            old = Math.max(old, sample[1]);
            String body = client.get(path, token).body();
            String status = BenchClient.field(body, "status");
            if (List.of("completed", "failed", "stopped", "abandoned").contains(status)) {
                return new Watched(status, heap >> 10, old >> 10, body);
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** The server's used heap and old generation, in KiB ({@code jstat -gc}). */
    private static long[] heap(long pid) {
        try {
            Process jstat = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jstat")
                                    .toString(),
                            "-gc",
                            Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jstat.waitFor();
            String[] lines = out.strip().split("\\n");
            if (lines.length < 2) {
                return new long[] {0, 0};
            }
            String[] names = lines[0].trim().split("\\s+");
            String[] values = lines[1].trim().split("\\s+");
            double used = 0;
            double oldUsed = 0;
            for (int i = 0; i < names.length && i < values.length; i++) {
                if (!values[i].matches("[0-9.]+")) {
                    continue; // "-": a column the collector has not (the serial one's concurrent cycles)
                }
                double value = Double.parseDouble(values[i]);
                switch (names[i]) {
                    case "S0U", "S1U", "EU" -> used += value;
                    case "OU" -> {
                        used += value;
                        oldUsed = value;
                    }
                    default -> {}
                }
            }
            return new long[] {(long) used, (long) oldUsed};
        } catch (IOException | NumberFormatException e) {
            return new long[] {0, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {0, 0};
        }
    }
}
