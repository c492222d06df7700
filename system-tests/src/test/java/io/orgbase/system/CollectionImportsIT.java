package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Imports of members and teams: members through the API's own rules row by row (who may grant which
 * role, the last owner, invitations for addresses without an account, employment and teams by their
 * codes and names), teams by name whatever its case, and custom field values checked against the
 * organization's definitions; another organization's departments, teams and members are unknown.
 */
class CollectionImportsIT {

    private static final Mailbox MAILBOX = Mailbox.get();

    private static JsonObject run(Session session, Org org, String collection, String csv, JsonObject options) {
        String file = DataJobsIT.upload(session, org, csv);
        JsonObject request = Json.createObjectBuilder(options)
                .add("collection", collection)
                .add("fileId", file)
                .build();
        return DataJobsIT.finished(
                session, org, DataJobsIT.start(session, org, request).getString("id"));
    }

    private static Map<Long, String> problems(Session session, Org org, JsonObject job) {
        Map<Long, String> byRow = new HashMap<>();
        for (JsonValue item : session.api()
                .get(org.path() + "/data-jobs/" + job.getString("id") + "/errors")
                .json()
                .getJsonArray("items")) {
            JsonObject problem = item.asJsonObject().getJsonArray("problems").getJsonObject(0);
            byRow.put(
                    item.asJsonObject().getJsonNumber("row").longValue(),
                    problem.getString("field", null) + ": " + problem.getString("message"));
        }
        return byRow;
    }

    private static List<Integer> counts(JsonObject job) {
        JsonObject rows = job.getJsonObject("rows");
        return List.of(rows.getInt("created"), rows.getInt("updated"), rows.getInt("unchanged"), rows.getInt("failed"));
    }

    private static JsonObject member(Session session, Org org, Session user) {
        Api.Reply found = session.api().get(org.path() + "/members/" + user.id());
        assertThat(found.status()).as("%s", found).isEqualTo(200);
        return found.json();
    }

    private static String team(Session session, Org org, String name) {
        Api.Reply created = session.api().post(org.path() + "/teams", json("name", name));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().getString("id");
    }

    private static String department(Session session, Org org, String code) {
        Api.Reply created = session.api().post(org.path() + "/departments", json("name", "Dept " + code, "code", code));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().getString("id");
    }

    @Test
    void membersAreAddedInvitedChangedAndSuspendedByTheRulesOfTheApi() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session admin = Fixtures.newUser();
        Fixtures.addMember(owner, org, admin, "admin");
        Session joining = Fixtures.newUser();
        Session demoted = Fixtures.newUser();
        Fixtures.addMember(owner, org, demoted, "member");
        Session manager = Fixtures.newUser();
        Fixtures.addMember(owner, org, manager, "member");
        Session same = Fixtures.newUser();
        Fixtures.addMember(owner, org, same, "member");
        Session outsider = Fixtures.newUser();
        Session elsewhere = Fixtures.newUser();
        Session foreigner = Fixtures.newUser();
        String pending = "pending-" + Secrets.suffix() + "@it.example";
        assertThat(owner.api()
                        .post(org.path() + "/invitations", json("email", pending, "role", "member"))
                        .status())
                .isEqualTo(201);
        String eng = department(owner, org, "ENG");
        String platform = team(owner, org, "Platform");
        Org other = Fixtures.newOrg(owner);
        department(owner, other, "FOREIGN");
        team(owner, other, "Elsewhere");
        String invited = "invited-" + Secrets.suffix() + "@it.example";
        String notYet = "not-yet-" + Secrets.suffix() + "@it.example";

        String csv = "E-mail,Role,Status,Job title,Department,Manager,Teams\n"
                + joining.email() + ",admin,,Engineer,ENG," + manager.email() + ",platform\n" // 2: joins
                + demoted.email() + ",viewer,suspended,,,,\n" // 3: changed
                + invited + ",member,,,,,\n" // 4: invited
                + notYet + ",member,,Engineer,,,\n" // 5: an invitation carries no employment
                + manager.email() + ",,,,NOPE,,\n" // 6: no such department
                + owner.email() + ",member,,,,,\n" // 7: the admin may not change an owner
                + "not-an-email,member,,,,,\n" // 8: checked before staging
                + same.email() + ",member,active,,,,\n" // 9: nothing to change
                + outsider.email() + ",owner,,,,,\n" // 10: grants what the admin lacks
                + same.email().toUpperCase(java.util.Locale.ROOT) + ",viewer,,,,,\n" // 11: the key twice
                + elsewhere.email() + ",member,,,,,Elsewhere\n" // 12: another organization's team
                + foreigner.email() + ",member,,,FOREIGN,,\n" // 13: another organization's department
                + pending + ",member,,,,,\n"; // 14: invited already
        JsonObject job = run(admin, org, "members", csv, json());
        assertThat(job.getString("status")).as("%s", job).isEqualTo("completed");
        Map<Long, String> refused = problems(admin, org, job);
        assertThat(counts(job)).as("%s %s", job, refused).containsExactly(2, 1, 1, 9);
        assertThat(refused).containsOnlyKeys(5L, 6L, 7L, 8L, 10L, 11L, 12L, 13L, 14L);
        assertThat(refused.get(5L)).startsWith("jobTitle: is set once the person has joined");
        assertThat(refused.get(6L)).isEqualTo("departmentCode: no department has this code");
        assertThat(refused.get(8L)).startsWith("email:");
        assertThat(refused.get(11L)).startsWith("email: appears in more than one row");
        assertThat(refused.get(7L)).startsWith("null: You cannot change or remove a member whose role grants more");
        assertThat(refused.get(10L)).startsWith("null: You cannot grant a role that grants more than you hold");
        assertThat(refused.get(12L)).isEqualTo("teams: no team is named Elsewhere");
        assertThat(refused.get(13L)).isEqualTo("departmentCode: no department has this code");
        assertThat(refused.get(14L)).startsWith("email: has an open invitation already");
        for (Session stranger : List.of(outsider, elsewhere, foreigner)) {
            assertThat(owner.api().get(org.path() + "/members/" + stranger.id()).status())
                    .isEqualTo(404);
        }

        JsonObject joined = member(owner, org, joining);
        assertThat(joined.getString("role")).isEqualTo("admin");
        assertThat(joined.getString("jobTitle")).isEqualTo("Engineer");
        assertThat(joined.getString("departmentId")).isEqualTo(eng);
        assertThat(joined.getString("managerId")).isEqualTo(manager.id().toString());
        assertThat(owner.api()
                        .get(org.path() + "/teams/" + platform + "/members/" + joining.id())
                        .status())
                .isEqualTo(200);
        JsonObject changed = member(owner, org, demoted);
        assertThat(changed.getString("role")).isEqualTo("viewer");
        assertThat(changed.getBoolean("active")).isFalse();
        assertThat(member(owner, org, owner).getString("role")).isEqualTo("owner");
        assertThat(owner.api().get(org.path() + "/members/" + outsider.id()).status())
                .isEqualTo(404);
        assertThat(MAILBOX.await(invited, "invites you to Organization " + org.slug())
                        .text())
                .contains("as member");
        assertThat(MAILBOX.to(notYet)).isEmpty();

        // every row's change is audited as a request's would be, and carries the job
        List<JsonObject> trail = Fixtures.events(owner, org, "entityType=membership");
        assertThat(trail)
                .filteredOn(entry -> ("data-job:" + job.getString("id")).equals(entry.getString("requestId", null)))
                .extracting(entry -> entry.getString("action"))
                .as("the member who joined and the member changed")
                .containsExactlyInAnyOrder("create", "update");
    }

    @Test
    void aDryRunOfMembersJudgesEveryRowAndChangesNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session joining = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        Session newbie = Fixtures.newUser();
        String invited = "dry-" + Secrets.suffix() + "@it.example";
        String csv = "email,role,manager\n" + joining.email() + ",admin,\n" + invited + ",member,\n" + member.email()
                + ",viewer,\n" + owner.email() + ",viewer,\n" + newbie.email() + ",member," + joining.email() + "\n";
        JsonObject dry = run(owner, org, "members", csv, json("dryRun", true));
        assertThat(dry.getString("status")).isEqualTo("completed");
        // the last owner cannot be demoted, whether or not the run is dry; a manager the file adds
        // counts as one, though the dry run adds nobody
        assertThat(counts(dry)).as("%s", problems(owner, org, dry)).containsExactly(3, 1, 0, 1);
        assertThat(owner.api().get(org.path() + "/members/" + joining.id()).status())
                .isEqualTo(404);
        assertThat(member(owner, org, member).getString("role")).isEqualTo("member");
        assertThat(owner.api().get(org.path() + "/invitations").json().getJsonArray("items"))
                .isEmpty();

        JsonObject update = run(owner, org, "members", csv, json("mode", "update"));
        assertThat(counts(update)).as("%s", problems(owner, org, update)).containsExactly(0, 1, 0, 4);
        assertThat(member(owner, org, member).getString("role")).isEqualTo("viewer");

        // rows written one at a time cannot be undone by a later one: no all-or-nothing for members
        Api.Reply whole = owner.api()
                .post(
                        org.path() + "/data-jobs",
                        json(
                                "collection",
                                "members",
                                "fileId",
                                DataJobsIT.upload(owner, org, csv),
                                "allOrNothing",
                                true));
        Problems.assertInvalidFields(whole, "allOrNothing");

        // the teams column needs the teams' own permission: an importer without it has the row refused
        Fixtures.createRole(
                owner, org, "people-admin", List.of("organization:read", "members:read", "members:write"), null);
        Session clerk = Fixtures.newUser();
        Fixtures.addMember(owner, org, clerk, "people-admin");
        String platform = team(owner, org, "Platform");
        JsonObject teamless = run(clerk, org, "members", "email,teams\n" + member.email() + ",Platform\n", json());
        assertThat(counts(teamless)).containsExactly(0, 0, 0, 1);
        assertThat(problems(clerk, org, teamless).get(2L)).startsWith("null: ");
        assertThat(owner.api()
                        .get(org.path() + "/teams/" + platform + "/members")
                        .json()
                        .getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void teamsAreMatchedByNameInAnyCaseAndTheirCustomFieldsChecked() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.define(
                owner,
                org,
                json(
                        "entity",
                        "team",
                        "key",
                        "costCenter",
                        "label",
                        "Cost center",
                        "type",
                        "string",
                        "required",
                        true));
        Api.Reply web = owner.api()
                .post(
                        org.path() + "/teams",
                        json("name", "Web", "customFields", json("costCenter", "CC-0"), "tags", List.of("legacy")));
        assertThat(web.status()).as("%s", web).isEqualTo(201);
        // the organization knows the tag OPS already (from a department)
        assertThat(owner.api()
                        .post(org.path() + "/departments", json("name", "Ops", "code", "OPS", "tags", List.of("OPS")))
                        .status())
                .isEqualTo(201);
        String webItem = org.path() + "/teams/" + web.json().getString("id");
        assertThat(owner.api().get(webItem).json().getJsonArray("tags"))
                .as("read once before the import, so this server knows the tags of this version")
                .hasSize(1);
        String csv = "Team name,Description,Custom fields,Tags\n"
                + "Platform,Runs it,\"{\"\"costCenter\"\":\"\"CC-1\"\"}\",Core; ops\n" // 2: created
                + "PLATFORM,Again,,\n" // 3: the key twice, whatever the case
                + "Design,,,\n" // 4: a required field missing
                + "Ops,,\"{\"\"costCenter\"\": 5}\",\n" // 5: a value of the wrong type
                + "Broken,,not json,\n" // 6: checked before staging
                + "web,Browsers,,\n" // 7: updates Web, keeps its values, removes its tags
                + "Long,,\"{\"\"costCenter\"\":\"\"CC-2\"\"}\"," + "x".repeat(51) + "\n"; // 8: a tag too long
        JsonObject job = run(owner, org, "teams", csv, json());
        assertThat(job.getString("status")).as("%s", job).isEqualTo("completed");
        Map<Long, String> refused = problems(owner, org, job);
        assertThat(counts(job)).as("%s", refused).containsExactly(1, 1, 0, 5);
        assertThat(refused.get(8L)).startsWith("tags: each tag must be 1 to 50 characters");
        assertThat(refused.get(3L)).startsWith("name: appears in more than one row");
        assertThat(refused.get(4L)).isEqualTo("customFields.costCenter: is required");
        assertThat(refused.get(5L)).startsWith("customFields.costCenter: must be a string");
        assertThat(refused.get(6L)).startsWith("customFields: must be a JSON object");

        Map<String, JsonObject> teams = new HashMap<>();
        for (JsonValue item : owner.api().get(org.path() + "/teams").json().getJsonArray("items")) {
            teams.put(item.asJsonObject().getString("name"), item.asJsonObject());
        }
        assertThat(teams).containsOnlyKeys("Platform", "web");
        assertThat(teams.get("Platform").getJsonObject("customFields").getString("costCenter"))
                .isEqualTo("CC-1");
        assertThat(teams.get("web").getString("description")).isEqualTo("Browsers");
        assertThat(teams.get("web").getJsonObject("customFields").getString("costCenter"))
                .isEqualTo("CC-0");
        assertThat(teams.get("web").getString("id")).isEqualTo(web.json().getString("id"));
        assertThat(teams.get("web").getJsonArray("tags"))
                .as("an import that changes a record's tags makes a new version of it")
                .isEmpty();
        assertThat(teams.get("Platform").getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString))
                .as("a name the organization knows keeps its spelling")
                .containsExactly("Core", "OPS");
        assertThat(owner.api().get(org.path() + "/teams?tag=ops").json().getJsonArray("items"))
                .hasSize(1);

        // and another organization's import neither sees nor changes them
        Org other = Fixtures.newOrg(owner);
        JsonObject elsewhere = run(owner, other, "teams", "name\nPlatform\n", json("mode", "update"));
        assertThat(counts(elsewhere)).containsExactly(0, 0, 0, 1);
    }

    /**
     * A rename, merge or delete of a tag locks it for update, then gives every record carrying it a
     * new version. An import that named the tag used to write its records first and take the tag's
     * key-share lock (its taggings' foreign key) after: holding a record the change had to touch,
     * it waited for the change, and PostgreSQL aborted one of the two. Here the test plays the
     * change (the tag locked, then the record's version bumped) while the import runs.
     */
    @Test
    void anImportWaitsForAChangeOfATagItNamesBeforeItWritesARecord() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply web = owner.api().post(org.path() + "/teams", json("name", "Web", "tags", List.of("legacy")));
        assertThat(web.status()).as("%s", web).isEqualTo(201);
        String webId = web.json().getString("id");
        try (java.sql.Connection change = Orgbase.target().superuser();
                java.sql.Statement sql = change.createStatement()) {
            change.setAutoCommit(false);
            sql.execute("set local lock_timeout = '20s'");
            try (java.sql.ResultSet tag = sql.executeQuery(
                    "select t.id from tag t where t.org_id = '" + org.id() + "' and t.name = 'legacy' for update")) {
                assertThat(tag.next()).as("the tag, locked").isTrue();
            }
            // updates Web (tags it once more) and creates Mobile with the locked tag
            String file = DataJobsIT.upload(owner, org, "name,tags\nweb,legacy;fresh\nMobile,legacy\n");
            String job = DataJobsIT.start(
                            owner,
                            org,
                            Json.createObjectBuilder()
                                    .add("collection", "teams")
                                    .add("fileId", file)
                                    .build())
                    .getString("id");
            int changePid = pid(change);
            Eventually.get("the import waiting for the locked tag", java.time.Duration.ofSeconds(60), () -> {
                try (java.sql.Connection look = Orgbase.target().superuser();
                        java.sql.Statement query = look.createStatement();
                        java.sql.ResultSet waiting = query.executeQuery("select count(*) from pg_stat_activity"
                                + " where " + changePid + " = any (pg_blocking_pids(pid))")) {
                    waiting.next();
                    return waiting.getLong(1) > 0 ? Optional.of(true) : Optional.empty();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // PostgreSQL looks for a deadlock once a wait is deadlock_timeout old: let the import's
            // look pass first, so that a cycle, if the import holds Web, is found by the change
            Eventually.get("the import's wait older than deadlock_timeout", java.time.Duration.ofSeconds(30), () -> {
                try (java.sql.Connection look = Orgbase.target().superuser();
                        java.sql.Statement query = look.createStatement();
                        java.sql.ResultSet old = query.executeQuery("select count(*) from pg_locks l"
                                + " where not l.granted and " + changePid + " = any (pg_blocking_pids(l.pid))"
                                + " and l.waitstart < clock_timestamp()"
                                + " - current_setting('deadlock_timeout')::interval - interval '200 milliseconds'")) {
                    old.next();
                    return old.getLong(1) > 0 ? Optional.of(true) : Optional.empty();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // the change reaches the records carrying the tag: Web among them
            assertThat(sql.executeUpdate("update team set version = version + 1 where id = '" + webId + "'"))
                    .as("the change bumps Web's version: the import, waiting for the tag, holds no record")
                    .isEqualTo(1);
            change.commit();

            JsonObject done = DataJobsIT.finished(owner, org, job);
            assertThat(done.getString("status")).as("%s", done).isEqualTo("completed");
            assertThat(counts(done)).containsExactly(1, 1, 0, 0);
        }
        Map<String, List<String>> tags = new HashMap<>();
        for (JsonValue item : owner.api().get(org.path() + "/teams").json().getJsonArray("items")) {
            tags.put(
                    item.asJsonObject().getString("name"),
                    item.asJsonObject().getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
        }
        assertThat(tags).containsOnlyKeys("web", "Mobile");
        assertThat(tags.get("web")).containsExactlyInAnyOrder("legacy", "fresh");
        assertThat(tags.get("Mobile")).containsExactly("legacy");
    }

    private static int pid(java.sql.Connection connection) throws java.sql.SQLException {
        try (java.sql.Statement query = connection.createStatement();
                java.sql.ResultSet pid = query.executeQuery("select pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }

    private static String contact(Session session, Org org, JsonObject body) {
        Api.Reply created = session.api().post(org.path() + "/contacts", body);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().getString("id");
    }

    @Test
    void contactsAreFoundByAnyOfTheirAddressesAndWrittenByTheContactBooksRules() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String grace = contact(
                owner,
                org,
                json(
                        "firstName",
                        "Grace",
                        "lastName",
                        "Hopper",
                        "emails",
                        Json.createArrayBuilder()
                                .add(json("email", "grace@navy.example"))
                                .add(json("email", "g.hopper@home.example", "type", "personal"))
                                .build(),
                        "phones",
                        Json.createArrayBuilder()
                                .add(json("number", "+1 202 555 0100"))
                                .build()));
        contact(
                owner,
                org,
                json(
                        "lastName",
                        "One",
                        "emails",
                        Json.createArrayBuilder()
                                .add(json("email", "shared@x.example"))
                                .build()));
        contact(
                owner,
                org,
                json(
                        "lastName",
                        "Two",
                        "emails",
                        Json.createArrayBuilder()
                                .add(json("email", "shared@x.example"))
                                .build()));
        String csv = "Email,First name,Last name,Company,Phone,Status,Tags\n"
                + "ada@engines.example,Ada,Lovelace,Analytical Engines,+41 44 668 18 00,,VIP; pioneers\n" // 2
                + "G.Hopper@HOME.example,Grace,Murray Hopper,,+41 44 668 18 00,,\n" // 3: found by her second address
                + "nameless@x.example,,,Acme,,,\n" // 4: a contact needs a name
                + "not-an-address,Bad,Email,,,,\n" // 5
                + "phone@x.example,Bad,Phone,,12345,,\n" // 6
                + "status@x.example,Bad,Status,,,weird,\n" // 7
                + "shared@x.example,Which,One,,,,\n"; // 8: two contacts have it
        JsonObject job = run(owner, org, "contacts", csv, json());
        assertThat(job.getString("status")).as("%s", job).isEqualTo("completed");
        Map<Long, String> refused = problems(owner, org, job);
        assertThat(counts(job)).as("%s", refused).containsExactly(1, 1, 0, 5);
        assertThat(refused.get(4L)).isEqualTo("lastName: a contact needs a first or a last name");
        assertThat(refused.get(5L)).startsWith("primaryEmail:");
        assertThat(refused.get(6L)).startsWith("primaryPhone:");
        assertThat(refused.get(7L)).startsWith("status:");
        assertThat(refused.get(8L)).startsWith("primaryEmail: belongs to several contacts");

        JsonObject hopper = owner.api().get(org.path() + "/contacts/" + grace).json();
        assertThat(hopper.getString("lastName")).isEqualTo("Murray Hopper");
        assertThat(hopper.getString("primaryEmail")).isEqualTo("grace@navy.example");
        assertThat(hopper.getString("primaryPhone")).isEqualTo("+41446681800");
        assertThat(hopper.getJsonArray("phones"))
                .as("the phone she had is kept")
                .hasSize(2);

        List<JsonObject> found = owner.api()
                .get(org.path() + "/contacts?q=Lovelace")
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(found).hasSize(1);
        JsonObject ada = found.get(0);
        assertThat(ada.getString("primaryEmail")).isEqualTo("ada@engines.example");
        assertThat(ada.getString("organizationName")).isEqualTo("Analytical Engines");
        assertThat(ada.getString("status")).isEqualTo("active");
        assertThat(ada.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactlyInAnyOrder("VIP", "pioneers");

        // the same file again changes nothing it changed before
        JsonObject again = run(owner, org, "contacts", csv, json("mode", "update"));
        assertThat(counts(again)).as("%s", problems(owner, org, again)).containsExactly(0, 0, 2, 5);

        // rows the database itself would refuse are refused one by one, never the job: two addresses
        // of one contact in a file (judged against the same state), an address quoted with a space
        // (valid to @Email, not to the contact book), a name that is only spaces
        JsonObject odd = run(
                owner,
                org,
                "contacts",
                "Email,First name,Last name\n"
                        + "grace@navy.example,Grace,Murray Hopper\n" // 2: as she is
                        + "g.hopper@home.example,Grace B.,Hopper\n" // 3: the same contact again
                        + "\"\"\"john smith\"\"@x.example\",John,Smith\n" // 4
                        + "blank@x.example,   ,   \n", // 5
                json());
        assertThat(odd.getString("status")).as("%s", odd).isEqualTo("completed");
        Map<Long, String> oddProblems = problems(owner, org, odd);
        assertThat(counts(odd)).as("%s", oddProblems).containsExactly(0, 0, 1, 3);
        assertThat(oddProblems.get(3L)).startsWith("primaryEmail: belongs to the contact row 2 changes");
        assertThat(oddProblems.get(4L)).startsWith("primaryEmail:");
        assertThat(oddProblems.get(5L)).isEqualTo("lastName: a contact needs a first or a last name");

        // contacts are written set-based, so a file may ask for all or nothing: one bad row, none written
        JsonObject none = run(
                owner,
                org,
                "contacts",
                "Email,Last name,Phone\nnew@x.example,Newcomer,+41 44 668 18 01\nhopper@x.example,,\n",
                json("allOrNothing", true));
        assertThat(none.getString("status")).as("%s", none).isEqualTo("failed");
        assertThat(problems(owner, org, none).get(3L)).isEqualTo("lastName: a contact needs a first or a last name");
        assertThat(owner.api().get(org.path() + "/contacts?q=Newcomer").json().getJsonArray("items"))
                .isEmpty();
    }
}
