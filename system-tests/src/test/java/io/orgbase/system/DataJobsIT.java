package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Imports as batch jobs: a file uploaded, checked row by row by the API's rules, staged and applied
 * parents first; the rows with problems listed (and downloadable) beside their cells; dry runs that
 * change nothing; modes by the natural key; hostile files ending as a failed job or a 4xx; and
 * another organization's jobs and files behaving like ones that do not exist.
 */
class DataJobsIT {

    /** What the tests' servers accept as one upload (ORGBASE_IMPORT_MAX_BYTES). */
    static final long MAX_UPLOAD = 4L << 20;

    private static final Duration JOB = Duration.ofSeconds(90);

    static String upload(Session session, Org org, byte[] body) {
        Api.Reply stored = session.api().upload(org.path() + "/data-jobs/files?name=people.csv", body, "text/csv");
        assertThat(stored.status()).as("%s", stored).isEqualTo(201);
        assertThat(stored.json().getJsonNumber("size").longValue()).isEqualTo(body.length);
        return stored.json().getString("id");
    }

    static String upload(Session session, Org org, String csv) {
        return upload(session, org, csv.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject start(Session session, Org org, JsonObject request) {
        Api.Reply started = session.api().post(org.path() + "/data-jobs", request);
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.header("Location"))
                .endsWith("/data-jobs/" + started.json().getString("id"));
        return started.json();
    }

    /** The job once it is no longer queued or running. */
    static JsonObject finished(Session session, Org org, String job) {
        return Eventually.get("data job " + job + " finished", JOB, () -> {
            JsonObject found =
                    session.api().get(org.path() + "/data-jobs/" + job).json();
            return Set.of("completed", "failed", "stopped").contains(found.getString("status"))
                    ? Optional.of(found)
                    : Optional.empty();
        });
    }

    static JsonObject run(Session session, Org org, String csv, JsonObject options) {
        String file = upload(session, org, csv);
        var request = jakarta.json.Json.createObjectBuilder(options)
                .add("collection", "departments")
                .add("fileId", file)
                .build();
        return finished(session, org, start(session, org, request).getString("id"));
    }

    private static Map<String, JsonObject> departmentsByCode(Session session, Org org) {
        Map<String, JsonObject> byCode = new HashMap<>();
        for (JsonValue item :
                session.api().get(org.path() + "/departments?limit=100").json().getJsonArray("items")) {
            byCode.put(item.asJsonObject().getString("code"), item.asJsonObject());
        }
        return byCode;
    }

    private static Map<Long, JsonObject> errors(Session session, Org org, String job) {
        Map<Long, JsonObject> byRow = new HashMap<>();
        for (JsonValue item : session.api()
                .get(org.path() + "/data-jobs/" + job + "/errors")
                .json()
                .getJsonArray("items")) {
            byRow.put(item.asJsonObject().getJsonNumber("row").longValue(), item.asJsonObject());
        }
        return byRow;
    }

    private static String firstField(JsonObject error) {
        return error.getJsonArray("problems").getJsonObject(0).getString("field", null);
    }

    @Test
    void importsATreeListedChildrenFirstAndListsTheRowsItRefused() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session head = Fixtures.newUser();
        Fixtures.addMember(owner, org, head, "member");
        String csv = "Code;Department name;Parent code;Description;Head\n"
                + "ENG-WEB;Web;ENG;Browsers;" + head.email().toUpperCase(java.util.Locale.ROOT) + "\n" // row 2
                + "ENG;Engineering;;Builds it;\n" // row 3
                + "OPS;Operations;;;\n" // row 4
                + "bad code!;Broken;;;\n" // row 5: the API's pattern
                + "ENG;Engineering again;;;\n" // row 6: the key twice
                + "SALES-EU;Sales Europe;SALES;;\n" // row 7: no such parent
                + "HR;People;;;nobody@it.example\n" // row 8: not a member
                + "LOOP-A;A;LOOP-B;;\n" // rows 9 and 10: each other's parent
                + "LOOP-B;B;LOOP-A;;\n"
                + "FIN;=HYPERLINK(\"http://evil\");;;\n"; // row 11: stored as text
        JsonObject job = run(owner, org, csv, json("delimiter", ";"));
        assertThat(job.getString("status")).as("%s", job).isEqualTo("completed");
        JsonObject rows = job.getJsonObject("rows");
        assertThat(rows.getInt("read")).isEqualTo(10);
        assertThat(rows.getInt("failed"))
                .as("%s", owner.api().get(org.path() + "/data-jobs/" + job.getString("id") + "/errors"))
                .isEqualTo(6);
        assertThat(rows.getInt("created")).isEqualTo(4);
        assertThat(rows.getInt("failed")).isEqualTo(6);
        assertThat(job.getJsonObject("progress").getInt("percent")).isEqualTo(100);

        Map<String, JsonObject> departments = departmentsByCode(owner, org);
        assertThat(departments).containsOnlyKeys("ENG", "ENG-WEB", "OPS", "FIN");
        JsonObject web = departments.get("ENG-WEB");
        assertThat(web.getString("parentId")).isEqualTo(departments.get("ENG").getString("id"));
        assertThat(web.getString("headId")).isEqualTo(head.id().toString());
        assertThat(web.getString("description")).isEqualTo("Browsers");
        assertThat(departments.get("FIN").getString("name")).isEqualTo("=HYPERLINK(\"http://evil\")");

        Map<Long, JsonObject> refused = errors(owner, org, job.getString("id"));
        assertThat(refused).containsOnlyKeys(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(firstField(refused.get(5L))).isEqualTo("code");
        assertThat(refused.get(5L).getJsonObject("original").getString("Department name"))
                .isEqualTo("Broken");
        assertThat(firstField(refused.get(6L))).isEqualTo("code");
        assertThat(firstField(refused.get(7L))).isEqualTo("parentCode");
        assertThat(firstField(refused.get(8L))).isEqualTo("headEmail");

        Api.Reply download = owner.api().get(org.path() + "/data-jobs/" + job.getString("id") + "/errors.csv");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("text/csv");
        assertThat(download.body().lines().findFirst().orElseThrow())
                .as("the original cells under the file's own headers")
                .isEqualTo("row,field,message,Code,Department name,Parent code,Description,Head");
        assertThat(download.body()).contains("7,parentCode,no department has this code,SALES-EU,Sales Europe,SALES,,");

        Api.Binary workbook = owner.api().bytes(org.path() + "/data-jobs/" + job.getString("id") + "/errors.xlsx");
        assertThat(workbook.status()).isEqualTo(200);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook errors =
                new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook.body()))) {
            var sheet = errors.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Department name");
            List<String> refusedCodes = new java.util.ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                refusedCodes.add(sheet.getRow(i).getCell(3).getStringCellValue());
            }
            assertThat(refusedCodes).contains("bad code!", "SALES-EU", "HR", "LOOP-A", "LOOP-B");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // the job is one audit entry, and the departments it made carry it
        JsonObject audit = owner.api()
                .get(org.path() + "/audit-events?action=import-completed")
                .json();
        assertThat(audit.getJsonArray("items")).hasSize(1);
        JsonObject entry = audit.getJsonArray("items").getJsonObject(0);
        assertThat(entry.getString("entityId")).isEqualTo(job.getString("id"));
        assertThat(entry.toString()).contains("\"created\":4");
        assertThat(owner.api()
                        .get(org.path() + "/audit-events?entityType=department")
                        .json()
                        .getJsonArray("items"))
                .as("no entry per imported row")
                .isEmpty();

        // whoever started it hears how it ended
        JsonObject told = Eventually.get(
                "told of the import",
                NotificationsIT.DELIVERY,
                () -> NotificationsIT.of(owner, org, "data-job.completed").stream()
                        .findFirst());
        assertThat(told.getString("body")).isEqualTo("4 created, 0 updated, 0 unchanged, 6 rows with problems.");
        assertThat(told.getJsonObject("subject").getString("id")).isEqualTo(job.getString("id"));
    }

    @Test
    void dryRunsChangeNothingAndModesFollowTheKey() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        assertThat(run(owner, org, "code,name\nA,Alpha\nB,Beta\n", json("mode", "create"))
                        .getJsonObject("rows")
                        .getInt("created"))
                .isEqualTo(2);

        String change = "code,name,parent\nA,Alpha renamed,\nB,Beta,A\nC,Gamma,B\n";
        JsonObject dry = run(owner, org, change, json("dryRun", true));
        assertThat(dry.getString("status")).isEqualTo("completed");
        assertThat(dry.getBoolean("dryRun")).isTrue();
        JsonObject counted = dry.getJsonObject("rows");
        assertThat(List.of(counted.getInt("created"), counted.getInt("updated"), counted.getInt("failed")))
                .as("%s", dry)
                .containsExactly(1, 2, 0);
        assertThat(departmentsByCode(owner, org)).containsOnlyKeys("A", "B");
        assertThat(departmentsByCode(owner, org).get("A").getString("name")).isEqualTo("Alpha");

        JsonObject update = run(owner, org, change, json("mode", "update"));
        JsonObject updated = update.getJsonObject("rows");
        assertThat(List.of(updated.getInt("created"), updated.getInt("updated"), updated.getInt("failed")))
                .as("%s", update)
                .containsExactly(0, 2, 1);
        Map<String, JsonObject> departments = departmentsByCode(owner, org);
        assertThat(departments).containsOnlyKeys("A", "B");
        assertThat(departments.get("A").getString("name")).isEqualTo("Alpha renamed");
        assertThat(departments.get("B").getString("parentId"))
                .isEqualTo(departments.get("A").getString("id"));

        JsonObject again = run(owner, org, change, json());
        JsonObject upserted = again.getJsonObject("rows");
        assertThat(List.of(upserted.getInt("created"), upserted.getInt("updated"), upserted.getInt("unchanged")))
                .as("%s", again)
                .containsExactly(1, 0, 2);

        JsonObject create = run(owner, org, "code,name\nA,Again\n", json("mode", "create"));
        assertThat(create.getJsonObject("rows").getInt("failed")).isEqualTo(1);
        assertThat(departmentsByCode(owner, org).get("A").getString("name")).isEqualTo("Alpha renamed");
    }

    @Test
    void hostileFilesEndAsFailedJobsOrClientErrors() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        // Latin-1 bytes read as UTF-8
        JsonObject latin = run(owner, org, null, "code,name\nZH,Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin.getString("status")).isEqualTo("failed");
        assertThat(latin.getString("failure")).contains("not valid UTF-8");
        JsonObject failedNotice = Eventually.get(
                "told of the failure",
                NotificationsIT.DELIVERY,
                () -> NotificationsIT.of(owner, org, "data-job.failed").stream().findFirst());
        assertThat(failedNotice.getString("body")).contains("not valid UTF-8");
        JsonObject named = run(
                owner,
                org,
                json("charset", "ISO-8859-1"),
                "code,name\nZH,Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(named.getString("status")).isEqualTo("completed");
        assertThat(departmentsByCode(owner, org).get("ZH").getString("name")).isEqualTo("Z\u00fcrich");

        StringBuilder wide = new StringBuilder("code");
        for (int i = 0; i < 10_000; i++) {
            wide.append(",c").append(i);
        }
        JsonObject tooWide = run(owner, org, json(), (wide + "\nX\n").getBytes(StandardCharsets.UTF_8));
        assertThat(tooWide.getString("status")).isEqualTo("failed");
        assertThat(tooWide.getString("failure")).contains("10001 columns");

        JsonObject keyless = run(owner, org, json(), "name\nNo code\n".getBytes(StandardCharsets.UTF_8));
        assertThat(keyless.getString("status")).isEqualTo("failed");
        assertThat(keyless.getString("failure")).contains("no column holds code");

        JsonObject unterminated =
                run(owner, org, json(), "code,name\nQ,\"never closed\n".getBytes(StandardCharsets.UTF_8));
        assertThat(unterminated.getString("status")).isEqualTo("failed");

        byte[] big = new byte[(int) MAX_UPLOAD + 1];
        assertProblem(owner.api().upload(org.path() + "/data-jobs/files", big, "text/csv"), 413);
        assertThat(owner.api().get(org.path() + "/data-jobs").json().getJsonArray("items"))
                .hasSize(5);

        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/data-jobs",
                                json("collection", "spaceships", "fileId", upload(owner, org, "code\n"))),
                "collection");
        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/data-jobs",
                                json(
                                        "collection",
                                        "departments",
                                        "fileId",
                                        java.util.UUID.randomUUID().toString())),
                "fileId");
        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/data-jobs",
                                json(
                                        "collection",
                                        "departments",
                                        "fileId",
                                        upload(owner, org, "code\n"),
                                        "mode",
                                        "merge")),
                "mode");
    }

    private static JsonObject run(Session session, Org org, JsonObject options, byte[] body) {
        String file = upload(session, org, body);
        var request = jakarta.json.Json.createObjectBuilder(options == null ? json() : options)
                .add("collection", "departments")
                .add("fileId", file)
                .build();
        return finished(session, org, start(session, org, request).getString("id"));
    }

    @Test
    void aJobStoppedByItsOwnerAndRestartedImportsEveryRowExactlyOnce() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        int rows = 20_000;
        StringBuilder csv = new StringBuilder("code,name,parentCode\n");
        for (int i = 0; i < rows; i++) {
            // a tree: each row's parent comes earlier in the file, except the first hundred
            csv.append("S").append(i).append(",Stopped ").append(i).append(',');
            if (i >= 100) {
                csv.append('S').append(i / 2);
            }
            csv.append('\n');
        }
        String file = upload(owner, org, csv.toString());
        String job = start(owner, org, json("collection", "departments", "fileId", file))
                .getString("id");
        Api.Reply stopping = owner.api().post(org.path() + "/data-jobs/" + job + "/stop", json());
        assertThat(stopping.status()).as("%s", stopping).isEqualTo(200);
        assertThat(stopping.json().getString("status")).isIn("stopping", "stopped");
        JsonObject stopped = finished(owner, org, job);
        assertThat(stopped.getString("status")).as("%s", stopped).isEqualTo("stopped");
        assertProblem(owner.api().post(org.path() + "/data-jobs/" + job + "/stop", json()), 409);

        Api.Reply restarted = owner.api().post(org.path() + "/data-jobs/" + job + "/restart", json());
        assertThat(restarted.status()).as("%s", restarted).isEqualTo(200);
        JsonObject done = finished(owner, org, job);
        assertThat(done.getString("status")).as("%s", done).isEqualTo("completed");
        JsonObject counted = done.getJsonObject("rows");
        assertThat(List.of(counted.getInt("read"), counted.getInt("created"), counted.getInt("failed")))
                .as("%s", done)
                .containsExactly(rows, rows, 0);
        JsonObject listed =
                owner.api().get(org.path() + "/departments?limit=1&count=true").json();
        assertThat(listed.getJsonNumber("total").longValue()).isEqualTo(rows);
        // a finished job cannot be abandoned; a stopped one can, once
        assertProblem(owner.api().post(org.path() + "/data-jobs/" + job + "/abandon", json()), 409);
    }

    @Test
    void allOrNothingWritesNoRowUnlessEveryRowPasses() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        // staging finds a bad row (no name); the check finds another (a parent that exists nowhere)
        JsonObject refused = run(
                owner,
                org,
                "code,name,parentCode\nA,Alpha,\nA1,Alpha one,A\nB,,\nC,Gamma,NOPE\n",
                json("allOrNothing", true));
        assertThat(refused.getString("status")).as("%s", refused).isEqualTo("failed");
        assertThat(refused.getBoolean("allOrNothing")).isTrue();
        assertThat(refused.getString("failure"))
                .contains("2 rows have problems")
                .contains("nothing was imported");
        assertThat(errors(owner, org, refused.getString("id")).keySet()).containsExactlyInAnyOrder(4L, 5L);
        assertThat(departmentsByCode(owner, org)).isEmpty();

        // a file every row of which passes is written whole, its counts those of the writing
        JsonObject written =
                run(owner, org, "code,name,parentCode\nA1,Alpha one,A\nA,Alpha,\n", json("allOrNothing", true));
        assertThat(written.getString("status")).as("%s", written).isEqualTo("completed");
        assertThat(written.getJsonObject("rows").getJsonNumber("created").longValue())
                .isEqualTo(2);
        assertThat(written.getJsonObject("rows").getJsonNumber("failed").longValue())
                .isZero();
        assertThat(departmentsByCode(owner, org).get("A1").getString("parentId"))
                .isEqualTo(departmentsByCode(owner, org).get("A").getString("id"));
    }

    @Test
    void anotherOrganizationsJobsAndFilesDoNotExistAndMembersSeeTheirOwn() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        JsonObject job = run(owner, org, "code,name\nA,Alpha\n", json());
        String jobId = job.getString("id");
        String file = job.getString("fileId");

        Session stranger = Fixtures.newUser();
        Org own = Fixtures.newOrg(stranger);
        for (String path : List.of(
                "/data-jobs/" + jobId, "/data-jobs/" + jobId + "/errors", "/data-jobs/" + jobId + "/errors.csv")) {
            assertProblem(stranger.api().get(own.path() + path), 404);
        }
        assertProblem(stranger.api().post(own.path() + "/data-jobs/" + jobId + "/restart", json()), 404);
        assertThat(stranger.api().get(own.path() + "/data-jobs").json().getJsonArray("items"))
                .isEmpty();
        // another organization's file is no file
        assertInvalidFields(
                stranger.api().post(own.path() + "/data-jobs", json("collection", "departments", "fileId", file)),
                "fileId");
        // and the stranger is no member of the first organization
        assertProblem(stranger.api().get(org.path() + "/data-jobs/" + jobId), 404);

        // a member may not import departments; an admin sees and controls everyone's jobs
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        assertProblem(
                member.api()
                        .upload(org.path() + "/data-jobs/files", "code\n".getBytes(StandardCharsets.UTF_8), "text/csv"),
                403);
        assertProblem(member.api().get(org.path() + "/data-jobs/" + jobId), 404);
        assertThat(member.api().get(org.path() + "/data-jobs").json().getJsonArray("items"))
                .isEmpty();
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        assertThat(admin.api().get(org.path() + "/data-jobs/" + jobId).status()).isEqualTo(200);
        assertProblem(admin.api().post(org.path() + "/data-jobs/" + jobId + "/restart", json()), 409);
    }
}
