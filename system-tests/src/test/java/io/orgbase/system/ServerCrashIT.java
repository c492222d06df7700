package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the EAR server's JVM (Payara Server, WildFly) in the middle of fanning an
 * announcement out to 10,000 people, then a start on the same data ({@code asadmin start-domain},
 * {@code standalone.sh}): the fan-out resumes from the broker's store and the
 * outbox, and every recipient has exactly one notification. The same for an import of 40,000
 * departments killed while it applies: the batch job resumes on its own after the start, from its
 * last checkpoint, and every row is there once, under the parent its row named. It kills the suite's own server and
 * starts it again (Payara Micro's counterpart, {@link CrashIT}, runs a server of its own).
 */
class ServerCrashIT {

    private static final int PEOPLE = 10_000;

    @Test
    void aFanOutKilledHalfwayFinishesAfterTheRestartWithOneNotificationEach() throws Exception {
        assumeTrue(Orgbase.target() instanceof Restartable, "an EAR server only");
        Restartable server = (Restartable) Orgbase.target();
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String prefix = "crash-" + Secrets.suffix();
        try (Connection db = server.superuser()) {
            db.createStatement()
                    .execute("insert into app_user (id, email, display_name, password_hash, created_at, updated_at)"
                            + " select gen_random_uuid(), '" + prefix + "-' || n || '@it.example', 'Crash ' || n,"
                            + " 'x', now(), now() from generate_series(1, " + PEOPLE + ") n");
            db.createStatement()
                    .execute("insert into membership (id, org_id, user_id, role, created_at, updated_at)"
                            + " select gen_random_uuid(), '" + org.id() + "', id, 'member', now(), now()"
                            + " from app_user where email like '" + prefix + "-%'");
        }
        Api.Reply sent = owner.api().post(org.path() + "/announcements", json("title", "Fire drill at noon"));
        assertThat(sent.status()).as("%s", sent).isEqualTo(201);
        String announcement = sent.json().getString("id");

        long before = Eventually.get("a first chunk", NotificationsIT.DELIVERY, () -> {
            long count = CrashIT.told(server::superuser, announcement);
            return count > 0 ? Optional.of(count) : Optional.empty();
        });
        server.kill();
        long atKill = CrashIT.told(server::superuser, announcement);
        assertThat(atKill).as("killed halfway (%s before the kill)", before).isLessThan(PEOPLE);
        server.restart();

        long after = Eventually.get("all 10,000 told", Duration.ofMinutes(3), () -> {
            long count = CrashIT.told(server::superuser, announcement);
            return count >= PEOPLE ? Optional.of(count) : Optional.empty();
        });
        assertThat(after).as("%s at the kill", atKill).isEqualTo(PEOPLE);
        assertThat(CrashIT.toldTwice(server::superuser, announcement))
                .as("recipients told twice")
                .isZero();
        // the server answers as before
        assertThat(owner.api().get(org.path()).status()).isEqualTo(200);
    }

    /** Departments in the killed import: a tree, each row below the one half its number. */
    private static final int ROWS = 40_000;

    @Test
    void anImportKilledWhileApplyingResumesAfterTheRestartWithEveryRowOnce() throws Exception {
        assumeTrue(Orgbase.target() instanceof Restartable, "an EAR server only");
        Restartable server = (Restartable) Orgbase.target();
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply file = owner.api().upload(org.path() + "/data-jobs/files", ImportCrashIT.tree(ROWS), "text/csv");
        assertThat(file.status()).as("%s", file).isEqualTo(201);
        Api.Reply started = owner.api()
                .post(
                        org.path() + "/data-jobs",
                        json("collection", "departments", "fileId", file.json().getString("id")));
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        String job = started.json().getString("id");

        long before = Eventually.get("a quarter applied", Duration.ofMinutes(3), () -> {
            long created = number(server, "select rows_created from data_job where id = ?::uuid", job);
            return created >= ROWS / 4 ? Optional.of(created) : Optional.empty();
        });
        server.kill();
        long atKill = number(server, "select rows_created from data_job where id = ?::uuid", job);
        assertThat(atKill).as("killed halfway (%s before the kill)", before).isLessThan(ROWS);
        server.restart();

        // the execution the kill left STARTED is recovered at start-up, from its last checkpoint
        JsonObject done = Eventually.get("the import finished", Duration.ofMinutes(4), () -> {
            JsonObject now = owner.api().get(org.path() + "/data-jobs/" + job).json();
            return List.of("queued", "running").contains(now.getString("status")) ? Optional.empty() : Optional.of(now);
        });
        assertThat(done.getString("status")).as("%s", done).isEqualTo("completed");
        assertThat(done.getJsonObject("rows").getInt("created")).isEqualTo(ROWS);
        assertThat(number(
                        server,
                        "select count(*) from department where org_id = ?::uuid",
                        org.id().toString()))
                .isEqualTo(ROWS);
        assertThat(number(server, ImportCrashIT.UNDER_NAMED_PARENT, org.id()))
                .as("every child under the parent its row named")
                .isEqualTo(ROWS - 100);
    }

    private static long number(Restartable server, String sql, Object id) {
        try (Connection db = server.superuser();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
