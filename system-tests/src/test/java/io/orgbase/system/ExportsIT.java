package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Exports as batch jobs: the rows the collection's list would give for a query (search, filter,
 * sort, columns), as CSV that imports back, XLSX and a PDF report; the file downloaded as the
 * signed-in caller or by a link that expires and cannot be forged; bad requests answered at once;
 * another organization's exports behaving like ones that do not exist.
 */
class ExportsIT {

    /** The largest PDF the tests' servers write (ORGBASE_EXPORT_PDF_MAX_ROWS). */
    static final long PDF_MAX_ROWS = 5;

    /** A departments export, finished. */
    private static JsonObject export(Session session, Org org, Object... request) {
        return exportOf(session, org, "departments", request);
    }

    /** An export of {@code collection}, started with the rest of {@code request} and finished. */
    private static JsonObject exportOf(Session session, Org org, String collection, Object... request) {
        List<Object> body = new ArrayList<>(List.of("type", "export", "collection", collection));
        body.addAll(List.of(request));
        JsonObject started = DataJobsIT.start(session, org, json(body.toArray()));
        assertThat(started.getString("kind")).isEqualTo("export");
        // counted when started and stored then, so that a running export shows how far it is
        assertThat(storedTotal(started.getString("id")))
                .isEqualTo(started.getJsonObject("rows").getJsonNumber("total").longValue());
        JsonObject done = DataJobsIT.finished(session, org, started.getString("id"));
        assertThat(done.getString("status")).as("%s", done).isEqualTo("completed");
        return done;
    }

    private static long storedTotal(String jobId) {
        try (Connection owner = DriverManager.getConnection(
                        Orgbase.target().databaseUrl(), EmbeddedDatabase.OWNER, "unused-with-trust");
                PreparedStatement select = owner.prepareStatement("select rows_total from data_job where id = ?")) {
            select.setObject(1, UUID.fromString(jobId));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String department(Session session, Org org, Object... body) {
        Api.Reply created = session.api().post(org.path() + "/departments", json(body));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().getString("id");
    }

    private static List<CSVRecord> csv(String text) {
        try {
            return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Api.Binary download(Session session, JsonObject job) {
        return download(session, job, "departments");
    }

    private static Api.Binary download(Session session, JsonObject job, String collection) {
        Api.Binary file = session.api().bytes(job.getJsonObject("result").getString("href"));
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        assertThat(file.header("Content-Disposition")).startsWith("attachment; filename=\"" + collection + "-");
        return file;
    }

    @Test
    void csvHoldsWhatTheListWouldShowAndImportsBackIntoAnotherOrganization() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String sales = department(
                owner, org, "name", "Sales", "code", "S", "headId", owner.id().toString());
        department(owner, org, "name", "Sales North", "code", "S-N", "parentId", sales);
        department(owner, org, "name", "Research", "code", "R", "description", "=HYPERLINK(\"http://x\")");

        JsonObject all = export(owner, org, "format", "csv");
        assertThat(all.getJsonObject("rows").getJsonNumber("read").longValue()).isEqualTo(3);
        assertThat(all.getJsonObject("progress").getInt("percent")).isEqualTo(100);
        JsonObject result = all.getJsonObject("result");
        assertThat(result.getString("contentType")).startsWith("text/csv");
        Api.Binary file = download(owner, all);
        assertThat((long) file.body().length)
                .isEqualTo(result.getJsonNumber("size").longValue());
        List<CSVRecord> rows = csv(file.text());
        assertThat(rows.get(0).values())
                .containsExactly(
                        "code",
                        "name",
                        "parentCode",
                        "description",
                        "headEmail",
                        "tags",
                        "customFields",
                        "id",
                        "parentId",
                        "depth",
                        "createdAt",
                        "updatedAt");
        // by name, as the list orders them unless sorted otherwise
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(0))).containsExactly("R", "S", "S-N");
        assertThat(rows.get(1).get(3)).as("a formula is neutralised").isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(rows.get(2).get(4)).isEqualTo(owner.email());
        assertThat(rows.get(3).get(2)).isEqualTo("S");
        assertThat(rows.get(3).get(8)).isEqualTo(sales);
        assertThat(rows.get(3).get(9)).as("depth").isEqualTo("2");

        // the link downloads the same bytes without signing in; an altered one is a 404
        String link = result.getString("link");
        Api.Binary anonymous = Api.anonymous().bytes(link);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo(file.body());
        assertThat(anonymous.header("Cache-Control")).contains("no-store");
        String token = link.substring(link.lastIndexOf('/') + 1);
        char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
        String altered =
                link.substring(0, link.lastIndexOf('/') + 1) + token.substring(0, 10) + flipped + token.substring(11);
        assertThat(Api.anonymous().bytes(altered).status()).isEqualTo(404);
        assertThat(Api.anonymous().bytes(link + "x").status()).isEqualTo(404);
        assertThat(Api.anonymous()
                        .bytes(link.substring(0, link.lastIndexOf('/') + 1) + "nonsense")
                        .status())
                .isEqualTo(404);

        // search, sort and columns as the list takes them
        JsonObject some =
                export(owner, org, "format", "csv", "fields", List.of("code", "name"), "query", "q=sales&sort=-code");
        List<CSVRecord> chosen = csv(download(owner, some).text());
        assertThat(chosen.stream().map(CSVRecord::values).map(List::of))
                .containsExactly(List.of("code", "name"), List.of("S-N", "Sales North"), List.of("S", "Sales"));
        JsonObject filtered = export(
                owner,
                org,
                "format",
                "csv",
                "fields",
                List.of("code"),
                "query",
                "filter="
                        + java.net.URLEncoder.encode(
                                "{\"field\":\"parentId\",\"op\":\"eq\",\"value\":\"" + sales + "\"}",
                                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(csv(download(owner, filtered).text()).stream().map(r -> r.get(0)))
                .containsExactly("code", "S-N");

        // the whole export imports into another organization as it was
        Org other = Fixtures.newOrg(owner);
        String fileId = DataJobsIT.upload(owner, other, file.body());
        JsonObject imported = DataJobsIT.finished(
                owner,
                other,
                DataJobsIT.start(owner, other, json("collection", "departments", "fileId", fileId))
                        .getString("id"));
        assertThat(imported.getString("status")).as("%s", imported).isEqualTo("completed");
        assertThat(imported.getJsonObject("rows").getJsonNumber("created").longValue())
                .isEqualTo(3);
        JsonObject north = owner.api()
                .get(other.path() + "/departments?code=S-N")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        JsonObject parent = owner.api()
                .get(other.path() + "/departments/" + north.getString("parentId"))
                .json();
        assertThat(parent.getString("code")).isEqualTo("S");
        assertThat(parent.getString("headId")).isEqualTo(owner.id().toString());

        // the starter hears that it is ready
        Eventually.get(
                "the export's notification",
                java.time.Duration.ofSeconds(30),
                () ->
                        owner
                                .api()
                                .get("/api/v1/me/notifications?type=data-job.completed")
                                .json()
                                .getJsonArray("items")
                                .stream()
                                .map(n -> n.asJsonObject().getString("title"))
                                .filter(t -> t.startsWith("Export of departments in ") && t.endsWith(" is ready"))
                                .findFirst());
    }

    @Test
    void xlsxKeepsTypesAndPdfIsAPagedReportOfTheRowsChosen() throws IOException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String top = department(owner, org, "name", "Žatec Брно", "code", "Z");
        department(owner, org, "name", "Under", "code", "U", "parentId", top, "description", "+1 formula-like");

        JsonObject sheet = export(
                owner, org, "format", "xlsx", "fields", List.of("code", "name", "depth", "description", "createdAt"));
        assertThat(sheet.getJsonObject("result").getString("contentType"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook workbook =
                new XSSFWorkbook(new ByteArrayInputStream(download(owner, sheet).body()))) {
            Sheet rows = workbook.getSheet("departments");
            assertThat(rows.getLastRowNum()).isEqualTo(2);
            assertThat(rows.getRow(0).getCell(0).getStringCellValue()).isEqualTo("code");
            assertThat(rows.getRow(1).getCell(0).getStringCellValue()).isEqualTo("U");
            assertThat(rows.getRow(1).getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(rows.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(2.0);
            assertThat(rows.getRow(1).getCell(3).getCellType())
                    .as("text is never a formula")
                    .isEqualTo(CellType.STRING);
            assertThat(rows.getRow(1).getCell(3).getStringCellValue()).isEqualTo("+1 formula-like");
            assertThat(rows.getRow(2).getCell(1).getStringCellValue()).isEqualTo("Žatec Брно");
            assertThat(rows.getRow(2).getCell(4).getLocalDateTimeCellValue()).isNotNull();
        }

        JsonObject report = export(owner, org, "format", "pdf", "query", "sort=-code");
        byte[] pdf = download(owner, report).body();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        PdfReader reader = new PdfReader(pdf);
        try {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("Organization " + org.slug());
            assertThat(text).contains("departments, exported");
            assertThat(text).contains("Rows: all, sorted by code (descending)");
            assertThat(text).contains("Žatec Брно");
            // the total is drawn apart from its line (a template filled in at the end)
            assertThat(text.replaceAll("\\s+", " ")).contains("Page 1 of 1");
        } finally {
            reader.close();
        }

        // a PDF of more rows than the server allows is refused before it begins
        for (int i = 0; i < PDF_MAX_ROWS; i++) {
            department(owner, org, "name", "Extra " + i, "code", "E" + i);
        }
        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/data-jobs",
                                json("type", "export", "collection", "departments", "format", "pdf")),
                "format");
    }

    private static List<CSVRecord> exported(Session session, Org org, String collection, List<String> fields) {
        JsonObject done = exportOf(session, org, collection, "format", "csv", "fields", fields);
        return csv(download(session, done, collection).text());
    }

    @Test
    void membersTeamsAndContactsExportWhatTheirListsShow() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String sales = department(owner, org, "name", "Sales", "code", "S");
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        assertThat(owner.api()
                        .patch(
                                org.path() + "/members/" + member.id(),
                                json(
                                        "departmentId",
                                        sales,
                                        "managerId",
                                        owner.id().toString(),
                                        "jobTitle",
                                        "=Seller"))
                        .status())
                .isEqualTo(200);
        List<CSVRecord> members =
                exported(owner, org, "members", List.of("email", "role", "departmentCode", "managerEmail", "jobTitle"));
        assertThat(members.stream().map(CSVRecord::values).map(List::of))
                .containsExactlyInAnyOrder(
                        List.of("email", "role", "departmentCode", "managerEmail", "jobTitle"),
                        List.of(owner.email(), "owner", "", "", ""),
                        List.of(member.email(), "member", "S", owner.email(), "'=Seller"));

        assertThat(owner.api()
                        .post(org.path() + "/teams", json("name", "Blue", "tags", List.of("north", "pilot")))
                        .status())
                .isEqualTo(201);
        List<CSVRecord> teams = exported(owner, org, "teams", List.of("name", "tags"));
        assertThat(teams.get(1).get(0)).isEqualTo("Blue");
        assertThat(teams.get(1).get(1).split("; ")).containsExactlyInAnyOrder("north", "pilot");

        assertThat(owner.api()
                        .post(
                                org.path() + "/contacts",
                                json(
                                        "firstName", "Ada",
                                        "lastName", "Lovelace",
                                        "emails",
                                                Json.createArrayBuilder()
                                                        .add(json("email", "ada@example.com"))
                                                        .add(json("email", "ada@home.example", "type", "personal"))
                                                        .build()))
                        .status())
                .isEqualTo(201);
        List<CSVRecord> contacts = exported(owner, org, "contacts", List.of("lastName", "primaryEmail", "emails"));
        assertThat(contacts.get(1).values())
                .containsExactly("Lovelace", "ada@example.com", "ada@example.com (work); ada@home.example (personal)");

        // each collection's own permission: a stranger's organization has none of these rows
        Session stranger = Fixtures.newUser();
        Org own = Fixtures.newOrg(stranger);
        assertThat(exported(stranger, own, "contacts", List.of("lastName"))).hasSize(1);
        assertThat(exported(stranger, own, "members", List.of("email")).stream().map(r -> r.get(0)))
                .containsExactly("email", stranger.email());
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static JsonObject importWorkbook(Session session, Org org, byte[] workbook) {
        Api.Reply stored = session.api().upload(org.path() + "/data-jobs/files?name=book.xlsx", workbook, XLSX);
        assertThat(stored.status()).as("%s", stored).isEqualTo(201);
        JsonObject started = DataJobsIT.start(
                session,
                org,
                json("collection", "departments", "fileId", stored.json().getString("id")));
        assertThat(started.getString("format")).isEqualTo("xlsx");
        return DataJobsIT.finished(session, org, started.getString("id"));
    }

    /** A workbook of one sheet whose XML is {@code sheet}, zipped as a spreadsheet program would. */
    private static byte[] workbook(byte[] sheet) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            Map<String, String> parts = new java.util.LinkedHashMap<>();
            parts.put(
                    "[Content_Types].xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                            + "</Types>");
            parts.put(
                    "_rels/.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                            + "</Relationships>");
            parts.put(
                    "xl/workbook.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                            + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                            + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            parts.put(
                    "xl/_rels/workbook.xml.rels",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                            + "</Relationships>");
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(sheet);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] sheet(String rows) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                        + rows + "</sheetData></worksheet>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void workbooksImportBackAndHostileOnesFailAsJobs() throws IOException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String top = department(owner, org, "name", "Top", "code", "T", "description", "-starts with a dash");
        department(owner, org, "name", "Below", "code", "B", "parentId", top);
        byte[] exported = download(owner, export(owner, org, "format", "xlsx")).body();

        Org other = Fixtures.newOrg(owner);
        JsonObject imported = importWorkbook(owner, other, exported);
        assertThat(imported.getString("status")).as("%s", imported).isEqualTo("completed");
        assertThat(imported.getJsonObject("rows").getJsonNumber("created").longValue())
                .isEqualTo(2);
        JsonObject below = owner.api()
                .get(other.path() + "/departments?code=B")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(owner.api()
                        .get(other.path() + "/departments/" + below.getString("parentId"))
                        .json()
                        .getString("code"))
                .isEqualTo("T");
        assertThat(owner.api()
                        .get(other.path() + "/departments?code=T")
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("description"))
                .isEqualTo("-starts with a dash");

        // a hand-made sheet: inline strings, a gap, a blank row
        JsonObject plain = importWorkbook(
                owner,
                other,
                workbook(
                        sheet(
                                "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
                                        + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>N1</t></is></c><c r=\"C3\" t=\"inlineStr\"><is><t>New one</t></is></c></row>")));
        assertThat(plain.getString("status")).as("%s", plain).isEqualTo("completed");
        assertThat(plain.getJsonObject("rows").getJsonNumber("created").longValue())
                .isEqualTo(1);

        // entity expansion: the DTD is refused before anything expands
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>";
        JsonObject expanded =
                importWorkbook(owner, other, workbook(laughs.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(expanded.getString("status")).isEqualTo("failed");
        assertThat(expanded.getString("failure")).contains("not a readable XLSX workbook");

        // a zip bomb: 64 MiB of one byte inflating from a few kilobytes
        byte[] padding = new byte[64 << 20];
        java.util.Arrays.fill(padding, (byte) ' ');
        byte[] bomb = workbook(sheet(new String(padding, java.nio.charset.StandardCharsets.US_ASCII)));
        assertThat(bomb.length).isLessThan(1 << 20);
        JsonObject inflated = importWorkbook(owner, other, bomb);
        assertThat(inflated.getString("status")).isEqualTo("failed");
        assertThat(inflated.getString("failure")).contains("zip bomb");

        // cells out of order would shift into the wrong columns: refused
        JsonObject shuffled = importWorkbook(
                owner,
                other,
                workbook(sheet("<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>name</t></is></c>"
                        + "<c r=\"A1\" t=\"inlineStr\"><is><t>code</t></is></c></row>")));
        assertThat(shuffled.getString("status")).isEqualTo("failed");
        assertThat(shuffled.getString("failure")).contains("out of order");

        // not a workbook at all
        JsonObject text =
                importWorkbook(owner, other, "code,name\nX,Y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(text.getString("status")).isEqualTo("failed");
        assertThat(text.getString("failure")).contains("not a readable XLSX workbook");
        // and the organization holds what the good files made, nothing more
        assertThat(owner.api()
                        .get(other.path() + "/departments?count=true")
                        .json()
                        .getInt("total"))
                .isEqualTo(3);
    }

    @Test
    void platformAdministratorsWatchAndControlEveryOrganizationsJobs() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        department(owner, org, "name", "Alpha", "code", "A");
        String exported = export(owner, org, "format", "csv").getString("id");
        JsonObject failed =
                importWorkbook(owner, org, "not a workbook".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Session admin = Fixtures.admin();
        String jobs = "/api/v1/admin/data-jobs";

        JsonObject page = admin.api().get(jobs + "?orgId=" + org.id()).json();
        assertThat(page.getJsonArray("items").stream().map(j -> j.asJsonObject().getString("id")))
                .as("newest first")
                .startsWith(failed.getString("id"))
                .contains(exported);
        JsonObject listed = page.getJsonArray("items").getJsonObject(1);
        assertThat(listed.getString("orgSlug")).isEqualTo(org.slug());
        assertThat(listed.getString("kind")).isEqualTo("export");
        assertThat(admin.api()
                        .get(jobs + "?orgId=" + org.id() + "&kind=export")
                        .json()
                        .getJsonArray("items"))
                .hasSize(1);
        assertThat(admin.api()
                        .get(jobs + "?orgId=" + org.id() + "&createdBefore=2000-01-01T00:00:00Z")
                        .json()
                        .getJsonArray("items"))
                .isEmpty();
        JsonObject first =
                admin.api().get(jobs + "?orgId=" + org.id() + "&limit=1").json();
        JsonObject second = admin.api()
                .get(jobs + "?orgId=" + org.id() + "&limit=1&cursor=" + first.getString("nextCursor"))
                .json();
        assertThat(second.getJsonArray("items").getJsonObject(0).getString("id"))
                .isEqualTo(exported);
        assertInvalidFields(admin.api().get(jobs + "?status=lost&kind=other&cursor=zz"), "status", "kind", "cursor");

        JsonObject detail = admin.api().get(jobs + "/" + exported).json();
        assertThat(detail.getJsonObject("job").getString("status")).isEqualTo("completed");
        assertThat(detail.getJsonObject("steps").keySet()).containsExactlyInAnyOrder("export", "publish");
        JsonObject step = detail.getJsonObject("steps").getJsonObject("export");
        assertThat(step.getString("status")).isEqualTo("COMPLETED");
        assertThat(step.getJsonObject("metrics").getInt("READ_COUNT")).isEqualTo(1);
        assertThat(step.getString("endedAt")).isNotBlank();

        // a failed job can be given up for good by an operator, audited; a completed one stays as it is
        String failedId = failed.getString("id");
        assertThat(failed.getString("status")).isEqualTo("failed");
        Api.Reply abandoned = admin.api().post(jobs + "/" + failedId + "/abandon", json());
        assertThat(abandoned.status()).as("%s", abandoned).isEqualTo(200);
        assertThat(abandoned.json().getString("status")).isEqualTo("abandoned");
        assertThat(owner.api().get(org.path() + "/data-jobs/" + failedId).json().getString("status"))
                .isEqualTo("abandoned");
        assertProblem(admin.api().post(jobs + "/" + exported + "/restart", json()), 409);
        assertProblem(admin.api().post(jobs + "/" + UUID.randomUUID() + "/stop", json()), 404);
        // in the organization's own trail, where its owners see what an operator did to their job
        List<JsonObject> trail = Fixtures.events(owner, org, "action=data-job-abandoned&entityId=" + failedId);
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).getJsonObject("actor").getString("id"))
                .isEqualTo(admin.id().toString());

        // nobody else
        assertProblem(owner.api().get(jobs), 403);
        assertProblem(owner.api().get(jobs + "/" + exported), 403);
        assertProblem(owner.api().post(jobs + "/" + exported + "/stop", json()), 403);
    }

    @Test
    void badExportsAreClientErrorsAndAnotherOrganizationsExportsDoNotExist() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        department(owner, org, "name", "Alpha", "code", "A");
        String jobs = org.path() + "/data-jobs";
        Map<String, JsonObject> bad = Map.of(
                "collection", json("type", "export", "collection", "nothing", "format", "csv"),
                "format", json("type", "export", "collection", "departments", "format", "docx"),
                "fields",
                        json(
                                "type",
                                "export",
                                "collection",
                                "departments",
                                "format",
                                "csv",
                                "fields",
                                List.of("code", "secret")),
                "query.limit", json("type", "export", "collection", "departments", "format", "csv", "query", "limit=5"),
                "query.sort",
                        json("type", "export", "collection", "departments", "format", "csv", "query", "sort=password"),
                "query", json("type", "export", "collection", "departments", "format", "csv", "query", "q=%zz"));
        bad.forEach((field, request) -> assertInvalidFields(owner.api().post(jobs, request), field));
        assertThat(owner.api().get(jobs).json().getJsonArray("items"))
                .as("nothing was started")
                .isEmpty();

        JsonObject done = export(owner, org, "format", "csv");
        String id = done.getString("id");
        // an import has no result to download, nor has a job that does not exist
        JsonObject imported = DataJobsIT.run(owner, org, "code,name\nB,Beta\n", json());
        assertThat(imported.isNull("result")).isTrue();
        assertProblem(owner.api().get(jobs + "/" + imported.getString("id") + "/result"), 404);
        assertProblem(owner.api().get(jobs + "/" + java.util.UUID.randomUUID() + "/result"), 404);

        Session stranger = Fixtures.newUser();
        Org own = Fixtures.newOrg(stranger);
        assertProblem(stranger.api().get(own.path() + "/data-jobs/" + id), 404);
        assertProblem(stranger.api().get(own.path() + "/data-jobs/" + id + "/result"), 404);
        assertProblem(stranger.api().get(org.path() + "/data-jobs/" + id + "/result"), 404);
        // a member may export what they may list, and sees only their own exports
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        assertProblem(member.api().get(jobs + "/" + id + "/result"), 404);
        JsonObject mine = export(member, org, "format", "csv", "fields", List.of("code"));
        assertThat(csv(download(member, mine).text()).stream().map(r -> r.get(0)))
                .containsExactly("code", "A", "B");
        assertThat(member.api().get(jobs).json().getJsonArray("items")).hasSize(1);

        // a viewer reads departments but not members: no one's email comes with them
        Session viewer = Fixtures.newUser();
        Fixtures.addMember(owner, org, viewer, "viewer");
        JsonObject seen = export(viewer, org, "format", "csv");
        assertThat(csv(download(viewer, seen).text()).get(0).values())
                .contains("code", "parentCode")
                .doesNotContain("headEmail");
        assertProblem(
                viewer.api()
                        .post(
                                jobs,
                                json(
                                        "type",
                                        "export",
                                        "collection",
                                        "departments",
                                        "format",
                                        "csv",
                                        "fields",
                                        List.of("code", "headEmail"))),
                403);
        assertProblem(viewer.api().post(jobs, json("type", "export", "collection", "members", "format", "csv")), 403);
    }
}
