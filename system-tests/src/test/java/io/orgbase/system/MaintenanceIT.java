package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Maintenance as batch jobs: platform administrators see every task with its schedule and latest
 * run, start one now (audited), and watch it end; finished data jobs past their retention go with
 * their files; a task runs once at a time; nobody else sees any of it.
 */
class MaintenanceIT {

    private static final String MAINTENANCE = "/api/v1/admin/maintenance";

    /** The schema's owner, who may change any row (the tests age a job with it). */
    private static Connection owner() throws SQLException {
        return DriverManager.getConnection(Orgbase.target().databaseUrl(), EmbeddedDatabase.OWNER, "unused-with-trust");
    }

    private static JsonObject ended(Session admin, String location) {
        return Eventually.get("maintenance run ended", Duration.ofSeconds(60), () -> {
            JsonObject run = admin.api().get(location).json();
            return List.of("completed", "failed").contains(run.getString("status"))
                    ? Optional.of(run)
                    : Optional.empty();
        });
    }

    /**
     * Asks for a run of the task now, as an operator. Every task falls due somewhere in the day, and
     * the schedule claims its slot for ten minutes after: a test that lands in that window finds the
     * schedule's run unfinished (409), so it waits for that run to end and asks again.
     */
    private static Api.Reply startNow(Session admin, String task) {
        return Eventually.get("an operator's run of " + task + " started", Duration.ofSeconds(90), () -> {
            Api.Reply reply = admin.api().post(MAINTENANCE + "/" + task + "/runs", json());
            return reply.status() == 409 ? Optional.empty() : Optional.of(reply);
        });
    }

    /**
     * Marks the task as running, with a row of its own, once no other run of it is unfinished (the
     * schedule's may be, see {@link #startNow}).
     */
    private static UUID occupy(String task) {
        UUID busy = UUID.randomUUID();
        return Eventually.get("a run of " + task + " of the test's own", Duration.ofSeconds(90), () -> {
            try (Connection db = owner();
                    PreparedStatement insert = db.prepareStatement(
                            "insert into maintenance_run (id, task, slot, trigger, status, created_at)"
                                    + " values (?, ?, now() - interval '1 minute', 'schedule', 'running', now())"
                                    + " on conflict do nothing")) {
                insert.setObject(1, busy);
                insert.setString(2, task);
                return insert.executeUpdate() == 1 ? Optional.of(busy) : Optional.empty();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void administratorsSeeEveryTaskAndRunOneNow() {
        Session admin = Fixtures.admin();
        List<JsonObject> tasks =
                admin.api().get(MAINTENANCE).json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(tasks)
                .extracting(task -> task.getString("key"))
                .containsExactly(
                        "audit-retention",
                        "sign-in-throttle",
                        "idempotency-records",
                        "data-job-files",
                        "data-job-retention",
                        "mail-retention",
                        "processed-events");
        assertThat(tasks.get(0).getString("schedule")).isEqualTo("every day at 03:17 UTC");

        Api.Reply started = startNow(admin, "idempotency-records");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().getString("trigger")).isEqualTo("operator");
        assertThat(started.json().getString("requestedBy")).isEqualTo(admin.id().toString());
        JsonObject run = ended(admin, started.header("Location"));
        assertThat(run.getString("status")).as("%s", run).isEqualTo("completed");
        assertThat(run.get("claimedBy")).isNotEqualTo(JsonValue.NULL);
        assertThat(run.getString("finishedAt")).isNotNull();

        assertThat(admin.api()
                        .get(MAINTENANCE + "/runs?task=idempotency-records")
                        .json()
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class))
                .extracting(item -> item.getString("id"))
                .contains(run.getString("id"));
        JsonObject audited = admin.api()
                .get("/api/v1/admin/audit-events?action=maintenance-started")
                .json();
        assertThat(audited.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(entry -> entry.getString("entityId"))
                .contains(run.getString("id"));

        assertProblem(admin.api().post(MAINTENANCE + "/no-such-task/runs", json()), 404);
        assertProblem(admin.api().get(MAINTENANCE + "/runs?status=sleeping"), 400);
        assertProblem(admin.api().get(MAINTENANCE + "/runs/" + UUID.randomUUID()), 404);
    }

    @Test
    void aTaskRunsOnceAtATime() throws SQLException {
        Session admin = Fixtures.admin();
        UUID busy = occupy("processed-events");
        try {
            assertProblem(admin.api().post(MAINTENANCE + "/processed-events/runs", json()), 409);
        } finally {
            try (Connection db = owner();
                    PreparedStatement done = db.prepareStatement(
                            "update maintenance_run set status = 'failed', finished_at = now() where id = ?")) {
                done.setObject(1, busy);
                done.executeUpdate();
            }
        }
        Api.Reply again = startNow(admin, "processed-events");
        assertThat(again.status()).as("%s", again).isEqualTo(202);
        assertThat(ended(admin, again.header("Location")).getString("status")).isEqualTo("completed");
    }

    private static JsonObject importOf(Session owner, Org org, String fileId) {
        return DataJobsIT.finished(
                owner,
                org,
                DataJobsIT.start(owner, org, json("collection", "departments", "fileId", fileId))
                        .getString("id"));
    }

    private static long removedSince(String task, Timestamp since) throws SQLException {
        try (Connection db = owner();
                PreparedStatement removed = db.prepareStatement("select coalesce(sum(removed), 0) from maintenance_run"
                        + " where task = ? and status = 'completed' and finished_at >= ?")) {
            removed.setString(1, task);
            removed.setTimestamp(2, since);
            try (ResultSet rs = removed.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long files(UUID id) throws SQLException {
        try (Connection db = owner();
                PreparedStatement files = db.prepareStatement("select count(*) from stored_file where id = ?")) {
            files.setObject(1, id);
            try (ResultSet rs = files.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void finishedDataJobsPastTheirRetentionGoWithTheirFiles() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        // a file read by an old job and a recent one (a dry run, then the import), and one of its own
        String shared = DataJobsIT.upload(owner, org, "code,name\nOLD,Old\n");
        JsonObject oldDry = DataJobsIT.finished(
                owner,
                org,
                DataJobsIT.start(owner, org, json("collection", "departments", "fileId", shared, "dryRun", true))
                        .getString("id"));
        JsonObject recent = importOf(owner, org, shared);
        JsonObject old = DataJobsIT.run(owner, org, "code,name\nNEW,New\n", json());
        Timestamp aged;
        try (Connection db = owner();
                PreparedStatement clock = db.prepareStatement("select clock_timestamp()");
                ResultSet now = clock.executeQuery()) {
            now.next();
            aged = now.getTimestamp(1);
        }
        try (Connection db = owner();
                PreparedStatement age = db.prepareStatement(
                        "update data_job set finished_at = now() - interval '31 days' where id = ?")) {
            for (JsonObject job : List.of(oldDry, old)) {
                age.setObject(1, UUID.fromString(job.getString("id")));
                assertThat(age.executeUpdate()).isEqualTo(1);
            }
        }

        Session admin = Fixtures.admin();
        Api.Reply started = startNow(admin, "data-job-retention");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        JsonObject run = ended(admin, started.header("Location"));
        assertThat(run.getString("status")).as("%s", run).isEqualTo("completed");
        // the schedule's run may have come first, when its slot fell on the test
        assertThat(removedSince("data-job-retention", aged))
                .as("jobs removed by the runs that ended after the two were aged")
                .isGreaterThanOrEqualTo(2);

        for (JsonObject gone : List.of(oldDry, old)) {
            assertThat(owner.api()
                            .get(org.path() + "/data-jobs/" + gone.getString("id"))
                            .status())
                    .isEqualTo(404);
        }
        assertThat(owner.api()
                        .get(org.path() + "/data-jobs/" + recent.getString("id"))
                        .status())
                .isEqualTo(200);
        assertThat(files(UUID.fromString(old.getString("fileId"))))
                .as("the old job's own upload")
                .isZero();
        assertThat(files(UUID.fromString(shared)))
                .as("the upload a recent job still reads")
                .isEqualTo(1);
        // what the jobs imported stays
        assertThat(owner.api()
                        .get(org.path() + "/departments")
                        .json()
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class))
                .extracting(department -> department.getString("code"))
                .containsExactlyInAnyOrder("OLD", "NEW");
    }

    @Test
    void theOwnersFunctionsSearchTemporaryTablesLast() throws SQLException {
        try (Connection db = owner();
                PreparedStatement definers = db.prepareStatement(
                        "select p.proname, coalesce(array_to_string(p.proconfig, ','), '') from pg_proc p"
                                + " where p.prosecdef and p.pronamespace = 'public'::regnamespace");
                ResultSet rs = definers.executeQuery()) {
            int count = 0;
            while (rs.next()) {
                count++;
                assertThat(rs.getString(2))
                        .as("search path of %s", rs.getString(1))
                        .contains("search_path=pg_catalog, public, pg_temp");
            }
            assertThat(count).isGreaterThan(10);
        }
    }

    @Test
    void nobodyButPlatformAdministratorsSeesMaintenance() {
        Session user = Fixtures.newUser();
        Fixtures.newOrg(user);
        assertProblem(user.api().get(MAINTENANCE), 403);
        assertProblem(user.api().get(MAINTENANCE + "/runs"), 403);
        assertProblem(user.api().post(MAINTENANCE + "/audit-retention/runs", json()), 403);
        assertProblem(Api.anonymous().get(MAINTENANCE), 401);
    }
}
