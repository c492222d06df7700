package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Payara Micro in the middle of applying an import of a 60,000-department tree,
 * then a start on the same home and database: the job resumes on its own from the position its
 * last chunk committed, and every row ends up imported exactly once, under the right parent. Then
 * the same for 2,000 members invited, written row by row (each in a transaction of its own): the
 * rows written before the kill count once. Its own server and database, so the kills harm no other test.
 */
@Tag("crash")
class ImportCrashIT {

    /** Departments in the first import; {@code -Dorgbase.it.crashRows=1000000} for the size. */
    private static final int ROWS = Integer.getInteger("orgbase.it.crashRows", 60_000);

    /** People invited by the second import (members: written row by row). */
    private static final int PEOPLE = 2_000;

    @Test
    void importsKilledWhileApplyingResumeAfterTheRestartWithEveryRowOnce() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("orgbase.it.work", "target/it-work")));
        Path root = work.resolve("import-crash-" + Secrets.suffix());
        String adminEmail = "admin-" + Secrets.suffix() + "@it.example";
        String adminPassword = Secrets.password();
        int port = FreePorts.next();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(root.resolve("postgres"), FreePorts.next(), false)) {
            Map<String, String> settings = RunCommandIT.serverSettings(database, adminEmail, adminPassword);
            // all of them in one go, and then some: the quota is spent in a transaction of its own, so
            // a row whose own transaction the kill lost has spent it once already
            settings.put("ORGBASE_IMPORT_MAX_ADDS", Integer.toString(2 * PEOPLE));
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

                Api.Reply file = admin.upload("/api/v1/orgs/" + slug + "/data-jobs/files", tree(ROWS), "text/csv");
                assertThat(file.status()).as("%s", file).isEqualTo(201);
                Api.Reply started = admin.post(
                        "/api/v1/orgs/" + slug + "/data-jobs",
                        json("collection", "departments", "fileId", file.json().getString("id")));
                assertThat(started.status()).as("%s", started).isEqualTo(202);
                UUID job = UUID.fromString(started.json().getString("id"));

                // once a quarter of the rows are applied, the server dies without a word
                long before = Eventually.get("applying", Duration.ofSeconds(180 + ROWS / 1_000), () -> {
                    long created = created(database, job);
                    return created >= Math.max(5_000, ROWS / 4) ? Optional.of(created) : Optional.empty();
                });
                kill(server);
                long atKill = created(database, job);
                assertThat(atKill)
                        .as("killed halfway (%s before the kill)", before)
                        .isLessThan(ROWS);

                server = RunCommandIT.start(home, port, root.resolve("second.log"), settings);
                RunCommandIT.awaitLine(server, root.resolve("second.log"), "Orgbase is ready");
                assertThat(finished(database, job)).isEqualTo("completed");
                assertThat(created(database, job)).isEqualTo(ROWS);
                assertThat(number(
                                database, "select count(*) from department where org_id = ? and code like 'K%'", orgId))
                        .isEqualTo(ROWS);
                assertThat(number(database, UNDER_NAMED_PARENT, orgId))
                        .as("every child under the parent its row named")
                        .isEqualTo(ROWS - 100);

                // an import written row by row (each row its own transaction, marked there) killed in
                // the middle of a unit: the rows written before the kill are neither repeated nor lost
                StringBuilder people = new StringBuilder("email,role\n");
                for (int i = 0; i < PEOPLE; i++) {
                    people.append("person").append(i).append("@crash.example,member\n");
                }
                Api.Reply peopleFile = admin.upload(
                        "/api/v1/orgs/" + slug + "/data-jobs/files",
                        people.toString().getBytes(StandardCharsets.UTF_8),
                        "text/csv");
                assertThat(peopleFile.status()).as("%s", peopleFile).isEqualTo(201);
                Api.Reply members = admin.post(
                        "/api/v1/orgs/" + slug + "/data-jobs",
                        json(
                                "collection",
                                "members",
                                "fileId",
                                peopleFile.json().getString("id")));
                assertThat(members.status()).as("%s", members).isEqualTo(202);
                UUID memberJob = UUID.fromString(members.json().getString("id"));
                Eventually.get("inviting", Duration.ofMinutes(3), () -> {
                    long written = written(database, memberJob);
                    return written >= 300 ? Optional.of(written) : Optional.empty();
                });
                kill(server);
                long writtenAtKill = written(database, memberJob);
                assertThat(writtenAtKill).as("killed halfway").isLessThan(PEOPLE);

                server = RunCommandIT.start(home, port, root.resolve("third.log"), settings);
                RunCommandIT.awaitLine(server, root.resolve("third.log"), "Orgbase is ready");
                assertThat(finished(database, memberJob)).isEqualTo("completed");
                assertThat(created(database, memberJob))
                        .as("invited count as created")
                        .isEqualTo(PEOPLE);
                assertThat(number(
                                database,
                                "select count(*) from invitation where org_id = ? and email like 'person%@crash.example'",
                                orgId))
                        .as("every person invited once")
                        .isEqualTo(PEOPLE);
            } finally {
                RunCommandIT.stop(server);
            }
        }
    }

    /**
     * Departments in a tree as an import file: row {@code i} is {@code K<i>}, below {@code K<i/2>}
     * from row 100 on.
     */
    static byte[] tree(int rows) {
        StringBuilder csv = new StringBuilder("code,name,parentCode\n");
        for (int i = 0; i < rows; i++) {
            csv.append('K').append(i).append(",Kept ").append(i).append(',');
            if (i >= 100) {
                csv.append('K').append(i / 2);
            }
            csv.append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Departments of the organization ({@code ?}) of a {@link #tree} below the parent their row named. */
    static final String UNDER_NAMED_PARENT = "select count(*) from department d join department p on p.id = d.parent_id"
            + " where d.org_id = ? and p.code = 'K' || (substr(d.code, 2)::int / 2)";

    /** Kills Payara Micro without a word; its launcher ends with it. */
    private static void kill(Process server) throws InterruptedException {
        server.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .forEach(ProcessHandle::destroyForcibly);
        assertThat(server.waitFor(2, TimeUnit.MINUTES))
                .as("the launcher ends with its server")
                .isTrue();
    }

    /** The job's status once it is no longer queued or running. */
    private static String finished(EmbeddedDatabase database, UUID job) {
        return Eventually.get("the job finished", Duration.ofSeconds(240 + ROWS / 1_000), () -> {
            String now = text(database, "select status from data_job where id = ?", job);
            return now.equals("running") || now.equals("queued") ? Optional.empty() : Optional.of(now);
        });
    }

    /** Rows of a row-by-row import written so far (each marked in its own committed transaction). */
    private static long written(EmbeddedDatabase database, UUID job) {
        return number(database, "select count(*) from data_job_row where job_id = ? and outcome is not null", job);
    }

    private static long created(EmbeddedDatabase database, UUID job) {
        return number(database, "select rows_created from data_job where id = ?", job);
    }

    private static long number(EmbeddedDatabase database, String sql, UUID id) {
        return Long.parseLong(text(database, sql, id));
    }

    private static String text(EmbeddedDatabase database, String sql, UUID id) {
        try (Connection db = database.superuserConnection();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
