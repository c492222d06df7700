package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Payara Micro in the middle of fanning an announcement out to 10,000 people,
 * then a restart on the same home (its broker's store) and database: the fan-out resumes on its own
 * and every recipient ends up with exactly one notification. Its own server and database, so that
 * the kill harms no other test; Payara Micro only (the launcher is what restarts on the same home).
 */
@Tag("crash")
class CrashIT {

    private static final int PEOPLE = 10_000;

    @Test
    void aFanOutKilledHalfwayFinishesAfterTheRestartWithOneNotificationEach() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("orgbase.it.work", "target/it-work")));
        Path root = work.resolve("crash-" + Secrets.suffix());
        String adminEmail = "admin-" + Secrets.suffix() + "@it.example";
        String adminPassword = Secrets.password();
        int port = FreePorts.next();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(root.resolve("postgres"), FreePorts.next(), false)) {
            Map<String, String> settings = RunCommandIT.serverSettings(database, adminEmail, adminPassword);
            Path home = root.resolve("home");
            Process server = RunCommandIT.start(home, port, root.resolve("first.log"), settings);
            try {
                RunCommandIT.awaitLine(server, root.resolve("first.log"), "Orgbase is ready");
                Api api = Api.at("http://localhost:" + port);
                Api admin = RunCommandIT.signIn(api, adminEmail, adminPassword);
                String slug = "crash-" + Secrets.suffix();
                Api.Reply org = admin.post("/api/v1/orgs", json("slug", slug, "name", "Crash " + slug));
                assertThat(org.status()).as("%s", org).isEqualTo(201);
                UUID orgId = org.id();
                try (Connection db = database.superuserConnection()) {
                    db.createStatement()
                            .execute("insert into app_user (id, email, display_name, password_hash, created_at,"
                                    + " updated_at) select gen_random_uuid(), 'crash-' || n || '@it.example',"
                                    + " 'Crash ' || n, 'x', now(), now() from generate_series(1, " + PEOPLE + ") n");
                    db.createStatement()
                            .execute("insert into membership (id, org_id, user_id, role, created_at, updated_at)"
                                    + " select gen_random_uuid(), '" + orgId + "', id, 'member', now(), now()"
                                    + " from app_user where email like 'crash-%'");
                }
                Api.Reply sent =
                        admin.post("/api/v1/orgs/" + slug + "/announcements", json("title", "Fire drill at noon"));
                assertThat(sent.status()).as("%s", sent).isEqualTo(201);
                String announcement = sent.json().getString("id");

                // as soon as the first chunk is in, the server dies without a word
                long before = Eventually.get("a first chunk", NotificationsIT.DELIVERY, () -> {
                    long count = told(database::superuserConnection, announcement);
                    return count > 0 ? java.util.Optional.of(count) : java.util.Optional.empty();
                });
                server.descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                        .forEach(ProcessHandle::destroyForcibly);
                assertThat(server.waitFor(2, TimeUnit.MINUTES))
                        .as("the launcher ends with its server")
                        .isTrue();
                long atKill = told(database::superuserConnection, announcement);
                assertThat(atKill)
                        .as("killed halfway (%s before the kill)", before)
                        .isLessThan(PEOPLE);

                server = RunCommandIT.start(home, port, root.resolve("second.log"), settings);
                RunCommandIT.awaitLine(server, root.resolve("second.log"), "Orgbase is ready");
                long after = Eventually.get("all 10,000 told", java.time.Duration.ofMinutes(2), () -> {
                    long count = told(database::superuserConnection, announcement);
                    return count >= PEOPLE ? java.util.Optional.of(count) : java.util.Optional.empty();
                });
                assertThat(after).isEqualTo(PEOPLE);
                assertThat(toldTwice(database::superuserConnection, announcement))
                        .as("recipients told twice")
                        .isZero();
            } finally {
                RunCommandIT.stop(server);
            }
        }
    }

    /** Where a crash test reads the database from outside. */
    interface Superuser {
        Connection open() throws SQLException;
    }

    /** How many notifications an announcement has made. */
    static long told(Superuser superuser, String announcement) {
        return count(superuser, "select count(*) from notification where subject_id = ?", announcement);
    }

    /** How many recipients an announcement has told more than once. */
    static long toldTwice(Superuser superuser, String announcement) {
        return count(
                superuser,
                "select count(*) from (select recipient_id from notification where subject_id = ?"
                        + " group by recipient_id having count(*) > 1) d",
                announcement);
    }

    private static long count(Superuser superuser, String sql, String announcement) {
        try (Connection db = superuser.open();
                PreparedStatement count = db.prepareStatement(sql)) {
            count.setString(1, announcement);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
