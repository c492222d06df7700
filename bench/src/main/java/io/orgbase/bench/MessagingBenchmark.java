package io.orgbase.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orgbase.launcher.Launcher;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The event backbone under load, on one Payara Micro with its embedded broker:
 *
 * <ul>
 *   <li>events end to end: {@code BENCH_EVENTS} (20,000) "member added" events put into the outbox
 *       at once, timed until the relay has published them all and until the consumer has made
 *       every notification;
 *   <li>an announcement to {@code BENCH_AUDIENCE} (10,000) members, timed until each has it, with
 *       the server's resident memory sampled meanwhile;
 *   <li>the latency from a change (a role change over the API) to the member's open stream
 *       receiving its notification, {@code BENCH_LATENCY_ROUNDS} (200) times: p50, p99;
 *   <li>{@code BENCH_MAILS} (10,000) queued emails, timed until an SMTP server in this JVM has them.
 * </ul>
 *
 * Writes {@code bench-work/messaging.md}; everything it starts, it stops.
 */
public final class MessagingBenchmark {

    private static final Logger REPORT = Logger.getLogger("io.orgbase.bench");

    static {
        Logger.getLogger("").setLevel(Level.WARNING);
        REPORT.setLevel(Level.INFO);
    }

    private final int events = BenchServer.setting("BENCH_EVENTS", 20_000);
    private final int audience = BenchServer.setting("BENCH_AUDIENCE", 10_000);
    private final int rounds = BenchServer.setting("BENCH_LATENCY_ROUNDS", 200);
    /** An event type no consumer wants measures the relay and the listener alone. */
    private final String type = System.getenv().getOrDefault("BENCH_EVENT_TYPE", "membership.create");

    public static void main(String[] args) throws Exception {
        new MessagingBenchmark().run();
    }

    private void run() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-work")));
        String password = "Bench-" + UUID.randomUUID();
        Path home = work.resolve("messaging-" + System.currentTimeMillis());
        List<String> report = new ArrayList<>();
        GreenMail smtp = new GreenMail(new ServerSetup(BenchServer.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> settings = Map.of(
                "ORGBASE_SMTP_HOST", "127.0.0.1",
                "ORGBASE_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
                "ORGBASE_SMTP_TLS", "none");
        try (Launcher launcher = BenchServer.start(work, home, password, settings)) {
            BenchClient client = new BenchClient(launcher.baseUrl());
            String admin = client.login("bench-admin@bench.example", password);
            report.add("| measure | result |");
            report.add("|---|---:|");
            endToEnd(launcher, client, admin, report);
            fanOut(launcher, client, admin, report);
            latency(launcher, client, admin, report);
            mail(launcher, smtp, report);
        } finally {
            smtp.stop();
            BenchServer.discard(home);
        }
        String text = String.join("\n", report) + "\n";
        Files.writeString(work.resolve("messaging.md"), text);
        REPORT.info("\n" + text);
    }

    private String organization(BenchClient client, String admin, String prefix) throws Exception {
        String slug = prefix + "-" + Long.toString(System.nanoTime(), 36);
        String created = client.send(
                "POST", "/api/v1/orgs", admin, "{\"slug\":\"" + slug + "\",\"name\":\"Bench " + slug + "\"}");
        return BenchClient.field(created, "id");
    }

    /** {@code count} users, members of {@code orgId}, written straight into the database. */
    private static void people(Launcher launcher, String orgId, String prefix, int count) throws SQLException {
        try (Connection db = launcher.database().superuserConnection();
                Statement sql = db.createStatement()) {
            sql.execute("insert into app_user (id, email, display_name, password_hash, created_at, updated_at)"
                    + " select gen_random_uuid(), '" + prefix + "-' || n || '@bench.example', 'Bench ' || n, 'x',"
                    + " now(), now() from generate_series(1, " + count + ") n");
            sql.execute("insert into membership (id, org_id, user_id, role, created_at, updated_at)"
                    + " select gen_random_uuid(), '" + orgId + "', id, 'member', now(), now() from app_user"
                    + " where email like '" + prefix + "-%'");
        }
    }

    private void endToEnd(Launcher launcher, BenchClient client, String admin, List<String> report) throws Exception {
        String orgId = organization(client, admin, "events");
        people(launcher, orgId, "ev", events);
        long start;
        try (Connection db = launcher.database().superuserConnection();
                Statement sql = db.createStatement()) {
            start = System.nanoTime();
            sql.execute("insert into outbox_event (event_id, org_id, type, envelope) select e.id, '" + orgId
                    + "', '" + type + "', json_build_object('id', e.id, 'type', '" + type + "', 'orgId', '"
                    + orgId + "', 'actor', json_build_object('type', 'system', 'label', 'bench'), 'occurredAt',"
                    + " to_char(now() at time zone 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'payload',"
                    + " json_build_object('entityType', 'membership', 'entityId', m.id, 'changes',"
                    + " json_build_object('userId', json_build_object('new', m.user_id), 'role',"
                    + " json_build_object('new', 'member'))))::text from membership m"
                    + " cross join lateral (select gen_random_uuid() as id) e where m.org_id = '" + orgId + "'"
                    + " and m.role = 'member'");
        }
        double published = until(launcher, () -> count(launcher, "select count(*) from outbox_event"), 0, false);
        double consumed = !type.equals("membership.create")
                ? published
                : until(
                        launcher,
                        () -> count(launcher, "select count(*) from notification where org_id = '" + orgId + "'"),
                        events,
                        true);
        report.add(String.format(
                "| %,d events published (outbox → broker) | %.1f s, %,.0f events/s |",
                events, (published - start) / 1e9, events / ((published - start) / 1e9)));
        report.add(String.format(
                "| the same consumed end to end (a notification each) | %.1f s, %,.0f events/s |",
                (consumed - start) / 1e9, events / ((consumed - start) / 1e9)));
    }

    private void fanOut(Launcher launcher, BenchClient client, String admin, List<String> report) throws Exception {
        String orgId = organization(client, admin, "fanout");
        people(launcher, orgId, "fo", audience);
        long pid = payaraPid(launcher);
        long before = rssKb(pid);
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rssKb(pid), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        client.send("POST", "/api/v1/orgs/" + orgId + "/announcements", admin, "{\"title\":\"All hands\"}");
        double done = until(
                launcher,
                () -> count(launcher, "select count(*) from notification where org_id = '" + orgId + "'"),
                audience,
                true);
        sampler.interrupt();
        long after = rssKb(pid);
        report.add(String.format(
                "| announcement to %,d members (in-app) | %.1f s, %,.0f notifications/s |",
                audience, (done - start) / 1e9, audience / ((done - start) / 1e9)));
        report.add(String.format(
                "| server resident memory before / peak during / after the fan-out | %,d / %,d / %,d MB |",
                before / 1024, peak.get() / 1024, after / 1024));
    }

    /**
     * {@code BENCH_MAILS} (10,000) rendered messages queued at once (as many transactions would
     * leave them), timed until the SMTP server in this JVM has every one.
     */
    private void mail(Launcher launcher, GreenMail smtp, List<String> report) throws Exception {
        int mails = BenchServer.setting("BENCH_MAILS", 10_000);
        String html = "<!DOCTYPE html><html><body>" + "<p>Hello, this is a message of ordinary size.</p>".repeat(40)
                + "</body></html>";
        String text = "Hello, this is a message of ordinary size.\n".repeat(40);
        long start;
        try (Connection db = launcher.database().superuserConnection();
                Statement sql = db.createStatement()) {
            start = System.nanoTime();
            sql.execute("insert into mail_delivery (id, to_address, template, locale, subject, text_body, html_body,"
                    + " message_id) select g.id, 'reader-' || (g.n % 100) || '@bench.example', 'bench', 'en',"
                    + " 'Bench message ' || g.n, '" + text + "', '" + html + "', '<' || g.id || '@bench.example>'"
                    + " from (select gen_random_uuid() as id, n from generate_series(1, " + mails + ") n) g");
        }
        if (!smtp.waitForIncomingEmail(TimeUnit.MINUTES.toMillis(10), mails)) {
            throw new IllegalStateException("not every email arrived within 10 minutes");
        }
        double done = System.nanoTime();
        report.add(String.format(
                "| %,d emails delivered to a local SMTP server (queued at once) | %.1f s, %,.0f emails/s |",
                mails, (done - start) / 1e9, mails / ((done - start) / 1e9)));
    }

    private void latency(Launcher launcher, BenchClient client, String admin, List<String> report) throws Exception {
        String orgId = organization(client, admin, "live");
        String email = "live-" + UUID.randomUUID() + "@bench.example";
        String userPassword = "Live-" + UUID.randomUUID();
        String user = BenchClient.field(
                client.send(
                        "POST",
                        "/api/v1/admin/users",
                        admin,
                        "{\"email\":\"" + email + "\",\"password\":\"" + userPassword + "\",\"displayName\":\"Live\"}"),
                "id");
        client.send(
                "POST",
                "/api/v1/orgs/" + orgId + "/members",
                admin,
                "{\"email\":\"" + email + "\",\"role\":\"member\"}");
        String token = client.login(email, userPassword);
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
        HttpResponse<InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(launcher.baseUrl() + "/api/v1/me/notifications/stream"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.equals("event: notification")) {
                        arrivals.add(System.nanoTime());
                    } else if (line.equals("event: unread")) {
                        open.countDown();
                    }
                }
            } catch (java.io.IOException closed) {
                // the run is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!open.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the notification stream did not open");
        }
        arrivals.clear();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            String role = i % 2 == 0 ? "viewer" : "member";
            long sent = System.nanoTime();
            client.send("PATCH", "/api/v1/orgs/" + orgId + "/members/" + user, admin, "{\"role\":\"" + role + "\"}");
            Long arrived = arrivals.poll(30, TimeUnit.SECONDS);
            if (arrived == null) {
                throw new IllegalStateException("no live notification within 30 s in round " + i);
            }
            millis.add((arrived - sent) / 1e6);
        }
        stream.body().close();
        Collections.sort(millis);
        report.add(String.format(
                "| change → open stream, %d role changes (includes the PATCH itself) | p50 %.0f ms, p99 %.0f ms,"
                        + " max %.0f ms |",
                rounds,
                millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.99) - 1),
                millis.get(millis.size() - 1)));
    }

    /** Waits until {@code value} reaches {@code target} (at least, or at most); returns nanoTime then. */
    private static double until(Launcher launcher, LongSupplier value, long target, boolean atLeast)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            long now = value.getAsLong();
            if (atLeast ? now >= target : now <= target) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not reached within 10 minutes: " + target);
    }

    private static long count(Launcher launcher, String query) {
        try (Connection db = launcher.database().superuserConnection();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long payaraPid(Launcher launcher) {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .findFirst()
                .orElseThrow()
                .pid();
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }
}
