package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Organization bundles: an organization written as one archive and loaded as a new one with every
 * record, reference and member intact under new ids; a dry run and a failed load leave nothing; a
 * damaged, altered, foreign or newer archive is refused with a 400 naming why; an archive of an
 * older schema loads; only platform administrators may do either, and both are audited. Owners
 * download their own organization's bundle below it (no one else there, no API key), audited with
 * them as the actor; to anyone else the organization does not exist.
 */
class BundlesIT {

    private static final String LOAD = "/api/v1/admin/organization-bundles";

    private static String exportPath(Org org) {
        return "/api/v1/admin/organizations/" + org.id() + "/bundle";
    }

    /** The owners' download, below the organization. */
    private static String ownPath(String org) {
        return "/api/v1/orgs/" + org + "/bundle";
    }

    /** What one download costs of the caller's budget (BundleDownload.COST). */
    private static final int COST = 60;

    /** A bundle as its files: each NDJSON entry's lines, and the manifest. */
    record Bundle(JsonObject manifest, Map<String, List<String>> files) {

        static Bundle of(byte[] zip) {
            Map<String, List<String>> files = new LinkedHashMap<>();
            JsonObject manifest = null;
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (entry.getName().equals("manifest.json")) {
                        manifest = Json.createReader(new StringReader(text)).readObject();
                    } else {
                        files.put(
                                entry.getName(),
                                text.isEmpty()
                                        ? new ArrayList<>()
                                        : new ArrayList<>(text.lines().toList()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(manifest).as("manifest.json").isNotNull();
            return new Bundle(manifest, files);
        }

        List<JsonObject> rows(String file) {
            return files.get(file).stream()
                    .map(line -> Json.createReader(new StringReader(line)).readObject())
                    .toList();
        }

        /** The same bundle with one file's rows changed, and its manifest made to match (a consistent edit). */
        Bundle withRows(String file, UnaryOperator<JsonObject> change) {
            Map<String, List<String>> changed = new LinkedHashMap<>(files);
            changed.put(
                    file,
                    rows(file).stream().map(change).map(JsonObject::toString).collect(Collectors.toList()));
            return new Bundle(manifest, changed);
        }

        /**
         * The same bundle as another installation would have written it: the member's account has
         * an id this installation has never seen (everywhere it is named) and the given address.
         */
        Bundle fromElsewhere(Session member, String email) {
            String foreign = java.util.UUID.randomUUID().toString();
            Map<String, List<String>> changed = new LinkedHashMap<>();
            files.forEach((name, lines) -> changed.put(
                    name,
                    lines.stream()
                            .map(line -> line.replace(member.id().toString(), foreign))
                            .collect(Collectors.toList())));
            return new Bundle(manifest, changed)
                    .withRows(
                            "users.ndjson",
                            u -> u.getString("id").equals(foreign)
                                    ? Json.createObjectBuilder(u)
                                            .add("email", email)
                                            .build()
                                    : u);
        }

        Bundle withManifest(UnaryOperator<JsonObject> change) {
            return new Bundle(change.apply(manifest), files);
        }

        /** The archive, its manifest's sizes, counts and SHA-256s recomputed unless {@code keepManifest}. */
        byte[] zip(boolean keepManifest) {
            JsonObject written = manifest;
            if (!keepManifest) {
                JsonArrayBuilder entries = Json.createArrayBuilder();
                for (JsonValue value : manifest.getJsonArray("entries")) {
                    JsonObject entry = value.asJsonObject();
                    byte[] bytes = bytes(files.get(entry.getString("name")));
                    entries.add(Json.createObjectBuilder(entry)
                            .add("bytes", bytes.length)
                            .add("rows", files.get(entry.getString("name")).size())
                            .add("sha256", sha256(bytes)));
                }
                written = Json.createObjectBuilder(manifest)
                        .add("entries", entries)
                        .build();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                for (var file : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(file.getKey()));
                    zip.write(bytes(file.getValue()));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(written.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        byte[] zip() {
            return zip(false);
        }

        private static byte[] bytes(List<String> lines) {
            return lines.stream()
                    .map(line -> line + "\n")
                    .collect(Collectors.joining())
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] export(Session admin, Org org) {
        Api.Binary file = admin.api().bytes(exportPath(org));
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        assertThat(file.header("Content-Type")).startsWith("application/zip");
        assertThat(file.header("Content-Disposition")).startsWith("attachment; filename=\"" + org.slug() + "-");
        return file.body();
    }

    private static Api.Reply load(Session admin, byte[] zip, String query) {
        return admin.api().upload(LOAD + "?" + query, zip, "application/zip");
    }

    private static List<JsonObject> items(Session session, String path) {
        Api.Reply reply = session.api().get(path);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .toList();
    }

    /** A small organization with one of everything a bundle carries, and the ways its records refer to each other. */
    private static Org richOrganization(Session owner, Session ann, Session bob) {
        Org org = Fixtures.newOrg(owner);
        String path = org.path();
        Fixtures.createRole(owner, org, "auditor", List.of("departments:read"), "viewer");
        Fixtures.define(owner, org, json("entity", "department", "key", "budget", "label", "Budget", "type", "number"));
        String sales = owner.api()
                .post(
                        path + "/departments",
                        json(
                                "name",
                                "Sales",
                                "code",
                                "S",
                                "tags",
                                List.of("emea"),
                                "customFields",
                                json("budget", 1200)))
                .json()
                .getString("id");
        String north = owner.api()
                .post(path + "/departments", json("name", "Sales North", "code", "SN", "parentId", sales))
                .json()
                .getString("id");
        assertThat(owner.api()
                        .post(path + "/departments", json("name", "Fjord", "code", "SNF", "parentId", north))
                        .status())
                .isEqualTo(201);
        assertThat(owner.api()
                        .post(
                                path + "/members",
                                json(
                                        "email",
                                        ann.email(),
                                        "role",
                                        "auditor",
                                        "jobTitle",
                                        "Analyst",
                                        "departmentId",
                                        north,
                                        "managerId",
                                        owner.id().toString()))
                        .status())
                .isEqualTo(201);
        Fixtures.addMember(owner, org, bob, "admin");
        assertThat(owner.api()
                        .patch(
                                path + "/departments/" + sales,
                                json("headId", bob.id().toString()))
                        .status())
                .isEqualTo(200);
        String team =
                owner.api().post(path + "/teams", json("name", "Launch")).json().getString("id");
        assertThat(owner.api()
                        .post(
                                path + "/teams/" + team + "/members",
                                json("userId", ann.id().toString(), "role", "lead"))
                        .status())
                .isEqualTo(201);
        assertThat(owner.api()
                        .post(
                                path + "/contacts",
                                json(
                                        "firstName",
                                        "Ada",
                                        "lastName",
                                        "Lovelace",
                                        "emails",
                                        Json.createArrayBuilder()
                                                .add(json("email", "ada@bundle.example"))
                                                .build(),
                                        "phones",
                                        Json.createArrayBuilder()
                                                .add(json("number", "+41 44 668 18 00", "type", "mobile"))
                                                .build()))
                        .status())
                .isEqualTo(201);
        assertThat(owner.api()
                        .post(path + "/announcements", json("title", "Welcome", "departmentId", sales))
                        .status())
                .isEqualTo(201);
        return org;
    }

    @Test
    void anOrganizationTravelsWholeAndLandsAsANewOneWithItsReferencesIntact() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org source = richOrganization(owner, ann, bob);

        Bundle bundle = Bundle.of(export(admin, source));
        assertThat(bundle.manifest().getString("format")).isEqualTo("orgbase-organization-bundle");
        assertThat(bundle.manifest().getJsonObject("organization").getString("id"))
                .isEqualTo(source.id().toString());
        assertThat(bundle.rows("department.ndjson"))
                .extracting(r -> r.getString("code"))
                .containsExactly("S", "SN", "SNF");
        assertThat(bundle.rows("users.ndjson"))
                .extracting(r -> r.getString("email"))
                .containsExactlyInAnyOrder(owner.email(), ann.email(), bob.email());
        assertThat(bundle.files().get("users.ndjson")).noneMatch(line -> line.contains("password"));
        assertThat(bundle.files()).doesNotContainKeys("api_key.ndjson", "invitation.ndjson", "data_job.ndjson");
        assertThat(bundle.rows("audit.ndjson")).isNotEmpty();
        assertThat(Fixtures.events(owner, source, "action=organization.bundle-exported"))
                .hasSize(1);

        String slug = Fixtures.slug();
        Api.Reply loaded = load(admin, bundle.zip(true), "slug=" + slug + "&name=Copy");
        assertThat(loaded.status()).as("%s", loaded).isEqualTo(201);
        assertThat(loaded.header("Location")).endsWith("/api/v1/orgs/" + slug);
        JsonObject report = loaded.json();
        assertThat(report.getJsonObject("accounts").getInt("matched")).isEqualTo(3);
        assertThat(report.getJsonObject("accounts").getInt("created")).isZero();
        assertThat(report.getJsonObject("tables").getJsonObject("department").getInt("loaded"))
                .isEqualTo(3);
        Org copy = new Org(java.util.UUID.fromString(report.getString("id")), slug);
        String path = copy.path();

        JsonObject organization = owner.api().get(path).json();
        assertThat(organization.getString("name")).isEqualTo("Copy");
        assertThat(organization.getString("id")).isNotEqualTo(source.id().toString());

        List<JsonObject> departments = items(owner, path + "/departments?sort=code");
        assertThat(departments).extracting(d -> d.getString("code")).containsExactly("S", "SN", "SNF");
        List<JsonObject> old = items(owner, source.path() + "/departments?sort=code");
        for (int i = 0; i < 3; i++) {
            assertThat(departments.get(i).getString("id"))
                    .isNotEqualTo(old.get(i).getString("id"));
            assertThat(departments.get(i).getString("createdAt"))
                    .isEqualTo(old.get(i).getString("createdAt"));
        }
        assertThat(departments.get(1).getString("parentId"))
                .isEqualTo(departments.get(0).getString("id"));
        assertThat(departments.get(2).getString("parentId"))
                .isEqualTo(departments.get(1).getString("id"));
        assertThat(departments.get(2).getInt("depth")).isEqualTo(3);
        assertThat(departments.get(0).getString("headId")).isEqualTo(bob.id().toString());
        assertThat(departments.get(0).getJsonArray("tags").getString(0)).isEqualTo("emea");
        assertThat(departments.get(0).getJsonObject("customFields").getInt("budget"))
                .isEqualTo(1200);
        assertThat(items(owner, path + "/departments/" + departments.get(0).getString("id") + "/descendants"))
                .hasSize(2);

        List<JsonObject> members = items(owner, path + "/members");
        assertThat(members)
                .extracting(m -> m.getString("email"))
                .containsExactlyInAnyOrder(owner.email(), ann.email(), bob.email());
        JsonObject annThere = members.stream()
                .filter(m -> m.getString("email").equals(ann.email()))
                .findFirst()
                .orElseThrow();
        assertThat(annThere.getString("role")).isEqualTo("auditor");
        assertThat(annThere.getString("jobTitle")).isEqualTo("Analyst");
        assertThat(annThere.getString("departmentId"))
                .isEqualTo(departments.get(1).getString("id"));
        assertThat(annThere.getString("managerId")).isEqualTo(owner.id().toString());
        JsonObject auditor = items(owner, path + "/roles").stream()
                .filter(r -> r.getString("key").equals("auditor"))
                .findFirst()
                .orElseThrow();
        assertThat(auditor.getString("parent")).isEqualTo("viewer");

        List<JsonObject> teams = items(owner, path + "/teams");
        assertThat(teams).extracting(t -> t.getString("name")).containsExactly("Launch");
        assertThat(items(owner, path + "/teams/" + teams.get(0).getString("id") + "/members"))
                .extracting(m -> m.getString("userId"))
                .containsExactly(ann.id().toString());
        JsonObject ada = items(owner, path + "/contacts").get(0);
        assertThat(ada.getString("primaryEmail")).isEqualTo("ada@bundle.example");
        assertThat(ada.getJsonArray("phones")).hasSize(1);
        assertThat(items(owner, path + "/announcements"))
                .extracting(a -> a.getString("departmentId"))
                .containsExactly(departments.get(0).getString("id"));

        // the members work there: ann signs in and reads what her role lets her
        assertThat(ann.api().get(path + "/departments").status()).isEqualTo(200);
        assertThat(ann.api()
                        .post(path + "/departments", json("name", "No", "code", "NO"))
                        .status())
                .isEqualTo(403);
        // the copy's trail begins with its import, naming the bundle
        List<JsonObject> trail = Fixtures.events(owner, copy, "");
        assertThat(trail).extracting(e -> e.getString("action")).containsExactly("organization.imported");
        assertThat(trail.get(0).getJsonObject("changes").getString("sourceOrgId"))
                .isEqualTo(source.id().toString());
        // the source is untouched
        assertThat(items(owner, source.path() + "/departments")).hasSize(3);
    }

    @Test
    void membersWithoutAnAccountHereGetOneWithoutAPassword() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org source = Fixtures.newOrg(owner);
        String stranger = "moved-" + Secrets.suffix() + "@elsewhere.example";
        // as if from another installation: the owner's account is someone this one has never seen
        Bundle bundle = Bundle.of(export(admin, source)).fromElsewhere(owner, stranger);

        String slug = Fixtures.slug();
        Api.Reply loaded = load(admin, bundle.zip(), "slug=" + slug);
        assertThat(loaded.status()).as("%s", loaded).isEqualTo(201);
        assertThat(loaded.json().getJsonObject("accounts").getInt("created")).isEqualTo(1);
        List<JsonObject> members = items(admin, "/api/v1/orgs/" + slug + "/members");
        assertThat(members).extracting(m -> m.getString("email")).containsExactly(stranger);
        assertThat(members.get(0).getString("role")).isEqualTo("owner");
        assertThat(members.get(0).getBoolean("emailVerified")).isTrue();
        // nobody knows its password: not the bundle's owner's, not anything
        assertThat(Api.anonymous()
                        .post("/api/v1/auth/login", json("email", stranger, "password", owner.password()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anAddressOnlyUnverifiedAccountsClaimIsRefusedNotVouchedFor() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org source = Fixtures.newOrg(owner);
        String email = "claimed-" + Secrets.suffix() + "@elsewhere.example";
        EmailOwnershipIT.Claim claim = EmailOwnershipIT.claimedByAnAttacker(email);
        Bundle bundle = Bundle.of(export(admin, source)).fromElsewhere(owner, email);

        String slug = Fixtures.slug();
        assertThat(assertProblem(load(admin, bundle.zip(), "slug=" + slug), 409).getString("detail"))
                .contains(email);
        assertProblem(admin.api().get("/api/v1/orgs/" + slug), 404);
        // no account was vouched for in its place: the claim still signs in as before
        assertThat(Api.anonymous()
                        .post("/api/v1/auth/login", json("email", email, "password", claim.password()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDryRunReportsTheLoadAndKeepsNothing() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org source = Fixtures.newOrg(owner);
        Fixtures.newDepartment(owner, source, "Ops");
        String stranger = "dry-" + Secrets.suffix() + "@elsewhere.example";
        Bundle bundle = Bundle.of(export(admin, source)).fromElsewhere(owner, stranger);

        String slug = Fixtures.slug();
        Api.Reply dry = load(admin, bundle.zip(), "slug=" + slug + "&dryRun=true");
        assertThat(dry.status()).as("%s", dry).isEqualTo(200);
        assertThat(dry.json().getBoolean("dryRun")).isTrue();
        assertThat(dry.json()
                        .getJsonObject("tables")
                        .getJsonObject("department")
                        .getInt("loaded"))
                .isEqualTo(1);
        assertThat(dry.json().getJsonObject("accounts").getInt("created")).isEqualTo(1);

        assertProblem(admin.api().get("/api/v1/orgs/" + slug), 404);
        assertNoAccount(admin, stranger);
        // and the same file then loads for real
        assertThat(load(admin, bundle.zip(), "slug=" + slug).status()).isEqualTo(201);
    }

    @Test
    void aLoadThatFailsLeavesNothingBehind() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org source = Fixtures.newOrg(owner);
        Fixtures.newDepartment(owner, source, "One");
        Fixtures.newDepartment(owner, source, "Two");
        String stranger = "fail-" + Secrets.suffix() + "@elsewhere.example";
        // two departments with one code: the schema refuses the second, after the accounts and the organization
        Bundle bundle = Bundle.of(export(admin, source))
                .fromElsewhere(owner, stranger)
                .withRows(
                        "department.ndjson",
                        d -> Json.createObjectBuilder(d).add("code", "SAME").build());

        String slug = Fixtures.slug();
        Api.Reply failed = load(admin, bundle.zip(), "slug=" + slug);
        assertThat(assertProblem(failed, 409).getString("detail")).contains("department");
        assertProblem(admin.api().get("/api/v1/orgs/" + slug), 404);
        assertNoAccount(admin, stranger);
    }

    /** No account owns the address: the administrator can still create one for it. */
    private static void assertNoAccount(Session admin, String email) {
        Api.Reply created = admin.api()
                .post(
                        "/api/v1/admin/users",
                        json("email", email, "password", Secrets.password(), "displayName", "Check"));
        assertThat(created.status())
                .as("an account for %s was left: %s", email, created)
                .isEqualTo(201);
    }

    @Test
    void anArchiveOfAnOlderSchemaLoadsAndANewerOneIsRefused() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org source = Fixtures.newOrg(owner);
        Fixtures.newDepartment(owner, source, "Old");
        Bundle bundle = Bundle.of(export(admin, source));
        int schema = Integer.parseInt(bundle.manifest().getString("schemaVersion"));

        // before V44 a department had no last_job_id: the column takes its default here
        Bundle older = bundle.withRows(
                        "department.ndjson",
                        d -> Json.createObjectBuilder(d).remove("last_job_id").build())
                .withManifest(m -> {
                    JsonArrayBuilder entries = Json.createArrayBuilder();
                    for (JsonValue value : m.getJsonArray("entries")) {
                        JsonObject entry = value.asJsonObject();
                        if (entry.getString("name").equals("department.ndjson")) {
                            JsonArrayBuilder columns = Json.createArrayBuilder();
                            entry.getJsonArray("columns").getValuesAs(jakarta.json.JsonString::getString).stream()
                                    .filter(c -> !c.equals("last_job_id"))
                                    .forEach(columns::add);
                            entry = Json.createObjectBuilder(entry)
                                    .add("columns", columns)
                                    .build();
                        }
                        entries.add(entry);
                    }
                    return Json.createObjectBuilder(m)
                            .add("schemaVersion", String.valueOf(schema - 1))
                            .add("entries", entries)
                            .build();
                });
        String slug = Fixtures.slug();
        Api.Reply loaded = load(admin, older.zip(), "slug=" + slug);
        assertThat(loaded.status()).as("%s", loaded).isEqualTo(201);
        assertThat(loaded.json().getString("schemaVersion")).isEqualTo(String.valueOf(schema - 1));
        assertThat(items(admin, "/api/v1/orgs/" + slug + "/departments"))
                .extracting(d -> d.getString("name"))
                .containsExactly("Old");

        Bundle newer = bundle.withManifest(m -> Json.createObjectBuilder(m)
                .add("schemaVersion", String.valueOf(schema + 1))
                .build());
        JsonObject refused = assertProblem(load(admin, newer.zip(), "slug=" + Fixtures.slug()), 400);
        assertThat(refused.toString()).contains("newer Orgbase");
        Bundle future = bundle.withManifest(
                m -> Json.createObjectBuilder(m).add("formatVersion", 2).build());
        assertThat(assertProblem(load(admin, future.zip(), "slug=" + Fixtures.slug()), 400)
                        .toString())
                .contains("format version 2");
        // a column this schema does not have is refused, not dropped
        Bundle unknown = bundle.withRows("tag.ndjson", t -> t).withManifest(m -> {
            JsonArrayBuilder entries = Json.createArrayBuilder();
            for (JsonValue value : m.getJsonArray("entries")) {
                JsonObject entry = value.asJsonObject();
                if (entry.getString("name").equals("team.ndjson")) {
                    entry = Json.createObjectBuilder(entry)
                            .add(
                                    "columns",
                                    Json.createArrayBuilder(entry.getJsonArray("columns"))
                                            .add("budget"))
                            .build();
                }
                entries.add(entry);
            }
            return Json.createObjectBuilder(m).add("entries", entries).build();
        });
        assertThat(assertProblem(load(admin, unknown.zip(), "slug=" + Fixtures.slug()), 400)
                        .toString())
                .contains("budget");
    }

    @Test
    void damagedAlteredAndForeignArchivesAreRefusedWithTheirReason() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org source = Fixtures.newOrg(owner);
        Fixtures.newDepartment(owner, source, "Kept");
        // (a name of the same length below, so that only the checksum can tell)
        // the same length, so that only the checksum can tell
        Bundle bundle = Bundle.of(export(admin, source));

        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("is not a zip", "not a zip at all".getBytes(StandardCharsets.UTF_8));
        // a row changed without its manifest: the SHA-256 tells
        cases.put(
                "does not match its manifest",
                bundle.withRows("department.ndjson", d -> Json.createObjectBuilder(d)
                                .add("name", "Kxpt")
                                .build())
                        .zip(true));
        cases.put(
                "not an organization bundle",
                bundle.withManifest(m -> Json.createObjectBuilder(m)
                                .add("format", "something-else")
                                .build())
                        .zip());
        Map<String, List<String>> extra = new LinkedHashMap<>(bundle.files());
        extra.put("../../etc/passwd", List.of("root"));
        cases.put("does not list", new Bundle(bundle.manifest(), extra).zip(true));
        cases.put(
                "is not a JSON object",
                new Bundle(bundle.manifest(), with(bundle.files(), "tag.ndjson", List.of("[1,2]"))).zip());
        cases.put(
                "belongs to another organization",
                bundle.withRows("department.ndjson", d -> Json.createObjectBuilder(d)
                                .add("org_id", java.util.UUID.randomUUID().toString())
                                .build())
                        .zip());
        for (var attempt : cases.entrySet()) {
            JsonObject problem = assertProblem(load(admin, attempt.getValue(), "slug=" + Fixtures.slug()), 400);
            assertThat(problem.toString()).as(attempt.getKey()).contains(attempt.getKey());
        }
        // a bundle that says little and holds much: refused by size, not read to its end
        byte[] bomb = bombOf(bundle);
        assertThat(assertProblem(load(admin, bomb, "slug=" + Fixtures.slug()), 400)
                        .toString())
                .contains("larger than its manifest says");
        assertProblem(load(admin, bundle.zip(), "slug=Not_A_Slug"), 400);
        assertProblem(load(admin, bundle.zip(), "slug=" + source.slug()), 409);
        assertProblem(load(admin, bundle.zip(), "dryRun=maybe"), 400);
    }

    private static Map<String, List<String>> with(Map<String, List<String>> files, String name, List<String> lines) {
        Map<String, List<String>> changed = new LinkedHashMap<>(files);
        changed.put(name, lines);
        return changed;
    }

    /** The tags file stretched to 50 MB of one repeated character, the manifest still saying it is tiny. */
    private static byte[] bombOf(Bundle bundle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (var file : bundle.files().entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                if (file.getKey().equals("tag.ndjson")) {
                    byte[] block = new byte[1 << 20];
                    java.util.Arrays.fill(block, (byte) ' ');
                    for (int i = 0; i < 50; i++) {
                        zip.write(block);
                    }
                } else {
                    zip.write(Bundle.bytes(file.getValue()));
                }
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(bundle.manifest().toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void onlyPlatformAdministratorsExportOrLoadAndAnUnknownOrganizationIsNotFound() {
        Session admin = Fixtures.admin();
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        byte[] zip = export(admin, org);

        assertProblem(owner.api().get(exportPath(org)), 403);
        assertProblem(load(owner, zip, "slug=" + Fixtures.slug()), 403);
        assertProblem(Api.anonymous().get(exportPath(org)), 401);
        assertProblem(admin.api().get("/api/v1/admin/organizations/" + java.util.UUID.randomUUID() + "/bundle"), 404);
    }

    @Test
    void anOwnerDownloadsTheirOrganizationsBundleAndTheTrailNamesThem() {
        Session owner = Fixtures.newUser();
        Session ann = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.newDepartment(owner, org, "Backed up");
        Fixtures.addMember(owner, org, ann, "member");
        Api.Reply before = owner.api().get(org.path());

        Api.Binary file = owner.api().bytes(ownPath(org.slug()));
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        assertThat(file.header("Content-Type")).startsWith("application/zip");
        assertThat(file.header("Content-Disposition"))
                .startsWith("attachment; filename=\"" + org.slug() + "-")
                .endsWith(".orgbundle.zip\"");
        assertThat(file.header("Cache-Control")).contains("no-store");
        assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(Long.parseLong(file.header("Content-Length"))).isEqualTo(file.body().length);
        // charged as an expensive read (a new minute's window may have begun in between)
        int remaining = Integer.parseInt(file.header("RateLimit-Remaining"));
        int limit = Integer.parseInt(file.header("RateLimit-Limit"));
        assertThat(remaining).isIn(Integer.parseInt(before.header("RateLimit-Remaining")) - COST, limit - COST);

        Bundle bundle = Bundle.of(file.body());
        assertThat(bundle.manifest().getString("format")).isEqualTo("orgbase-organization-bundle");
        JsonObject organization = bundle.manifest().getJsonObject("organization");
        assertThat(organization.getString("slug")).isEqualTo(org.slug());
        assertThat(organization.getString("id")).isEqualTo(org.id().toString());
        assertThat(bundle.rows("department.ndjson"))
                .extracting(d -> d.getString("name"))
                .containsExactly("Backed up");
        assertThat(bundle.rows("users.ndjson"))
                .extracting(u -> u.getString("email"))
                .containsExactlyInAnyOrder(owner.email(), ann.email());

        List<JsonObject> exported = Fixtures.events(owner, org, "action=organization.bundle-exported");
        assertThat(exported).hasSize(1);
        JsonObject actor = exported.get(0).getJsonObject("actor");
        assertThat(actor.getString("type")).isEqualTo("user");
        assertThat(actor.getString("id")).isEqualTo(owner.id().toString());
        JsonObject details = exported.get(0).getJsonObject("changes");
        assertThat(details.getJsonNumber("bytes").longValue()).isEqualTo(file.body().length);
        assertThat(details.getString("schemaVersion"))
                .isEqualTo(bundle.manifest().getString("schemaVersion"));
        // the organization's rows: its tables', not the accounts or the trail kept beside them
        long rows = bundle.manifest().getJsonArray("entries").stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.containsKey("table"))
                .mapToLong(e -> e.getJsonNumber("rows").longValue())
                .sum();
        assertThat(details.getJsonNumber("rows").longValue()).isEqualTo(rows);

        // the owner's backup is a bundle like any other: it loads
        Api.Reply dry = load(Fixtures.admin(), file.body(), "slug=" + Fixtures.slug() + "&dryRun=true");
        assertThat(dry.status()).as("%s", dry).isEqualTo(200);
        assertThat(dry.json()
                        .getJsonObject("tables")
                        .getJsonObject("department")
                        .getInt("loaded"))
                .isEqualTo(1);
    }

    @Test
    void onlyOwnersDownloadTheirBundleNeitherOtherRolesNorApiKeys() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session admin = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        Fixtures.addMember(owner, org, member, "member");
        Api.Reply key = owner.in(org).apiKeys().create(json("name", "backup-" + Secrets.suffix(), "role", "admin"));
        assertThat(key.status()).as("%s", key).isEqualTo(201);
        Api service = Api.anonymous().withApiKey(key.json().getString("key"));

        assertThat(assertProblem(admin.api().get(ownPath(org.slug())), 403).getString("detail"))
                .contains("Only owners");
        assertProblem(member.api().get(ownPath(org.slug())), 403);
        // a key never: the bundle holds every member's account and the whole audit trail
        assertThat(assertProblem(service.get(ownPath(org.slug())), 403).getString("detail"))
                .contains("API keys");
        assertProblem(Api.anonymous().get(ownPath(org.slug())), 401);
        assertThat(Fixtures.events(owner, org, "action=organization.bundle-exported"))
                .isEmpty();

        // a platform administrator acting in it counts as an owner, as for every owner-only rule
        Session platformAdmin = Fixtures.admin();
        Api.Binary file = platformAdmin.api().bytes(ownPath(org.id().toString()));
        assertThat(file.status()).as(file.text()).isEqualTo(200);
        assertThat(Bundle.of(file.body())
                        .manifest()
                        .getJsonObject("organization")
                        .getString("slug"))
                .isEqualTo(org.slug());
        List<JsonObject> exported = Fixtures.events(owner, org, "action=organization.bundle-exported");
        assertThat(exported).hasSize(1);
        assertThat(exported.get(0).getJsonObject("actor").getString("id"))
                .isEqualTo(platformAdmin.id().toString());
    }

    @Test
    void anotherOrganizationsBundleIsNotFoundExactlyLikeNone() {
        Session alice = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org mine = Fixtures.newOrg(alice);
        Org theirs = Fixtures.newOrg(bob);
        Api.Reply key = alice.in(mine).apiKeys().create(json("name", "mine-" + Secrets.suffix(), "role", "admin"));
        Api service = Api.anonymous().withApiKey(key.json().getString("key"));

        String nothing =
                assertProblem(alice.api().get(ownPath(Fixtures.slug())), 404).toString();
        for (String reference : List.of(theirs.slug(), theirs.id().toString())) {
            Api.Reply foreign = alice.api().get(ownPath(reference));
            assertThat(assertProblem(foreign, 404).toString()).isEqualTo(nothing);
            assertThat(assertProblem(service.get(ownPath(reference)), 404).toString())
                    .isEqualTo(nothing);
        }
        assertThat(Fixtures.events(bob, theirs, "action=organization.bundle-exported"))
                .isEmpty();
        // their owner still gets it
        assertThat(bob.api().bytes(ownPath(theirs.slug())).status()).isEqualTo(200);
    }
}
