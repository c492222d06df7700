package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tags: on departments, teams and the organization; filter by tag; rename, merge and delete across the organization. */
class TagsIT {

    @Test
    void taggingFilteringRenamingMergingAndDeleting() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        String teams = org.path() + "/teams";
        Api.Reply sales = owner.api()
                .post(departments, json("name", "Sales", "code", "S", "tags", List.of("VIP", " emea ", "vip")));
        assertThat(sales.status()).as("%s", sales).isEqualTo(201);
        assertThat(Pages.tags(sales.json())).containsExactly("emea", "VIP");
        UUID ops = owner.api()
                .post(departments, json("name", "Ops", "code", "O", "tags", List.of("vip", "internal")))
                .id();
        assertThat(Pages.tags(owner.api().get(departments + "/" + ops).json())).containsExactly("internal", "VIP");
        UUID launch = owner.api()
                .post(teams, json("name", "Launch", "tags", List.of("emea")))
                .id();
        JsonObject own =
                owner.api().patch(org.path(), json("tags", List.of("Customer"))).json();
        assertThat(Pages.tags(own)).containsExactly("Customer");

        assertThat(Pages.names(owner.api().get(departments + "?tag=vip"))).containsExactly("Ops", "Sales");
        assertThat(Pages.names(owner.api().get(departments + "?tag=EMEA"))).containsExactly("Sales");
        assertThat(Pages.names(owner.api().get(departments + "?tag=internal&tag=emea")))
                .containsExactly("Ops", "Sales");
        assertThat(Pages.names(owner.api().get(teams + "?tag=emea"))).containsExactly("Launch");
        assertThat(Pages.names(owner.api().get(departments + "?tag=nothing"))).isEmpty();
        assertThat(slugs(owner.api().get("/api/v1/orgs?tag=Customer"))).containsExactly(org.slug());

        // the vocabulary, with where each tag is used
        JsonObject vip = Fixtures.tag(owner, org, "VIP");
        assertThat(vip.getJsonObject("usage").getInt("department")).isEqualTo(2);
        JsonObject emea = Fixtures.tag(owner, org, "emea");
        assertThat(emea.getJsonObject("usage").getInt("team")).isEqualTo(1);

        // rename everywhere at once; a taken name is a 409 (merge instead)
        JsonObject renamed = owner.api()
                .patch(org.path() + "/tags/" + emea.getString("id"), json("name", "Europe"))
                .json();
        assertThat(renamed.getString("name")).isEqualTo("Europe");
        assertThat(Pages.tags(owner.api().get(teams + "/" + launch).json())).containsExactly("Europe");
        assertProblem(owner.api().patch(org.path() + "/tags/" + emea.getString("id"), json("name", "vip")), 409);

        // merge internal into VIP: Ops keeps one VIP
        JsonObject internal = Fixtures.tag(owner, org, "internal");
        JsonObject merged = owner.api()
                .post(org.path() + "/tags/" + internal.getString("id") + "/merge", json("into", vip.getString("id")))
                .json();
        assertThat(merged.getString("name")).isEqualTo("VIP");
        assertThat(Pages.tags(owner.api().get(departments + "/" + ops).json())).containsExactly("VIP");
        assertProblem(owner.api().get(org.path() + "/tags/" + internal.getString("id")), 404);

        // delete removes it from every record, the organization's own included
        JsonObject customer = Fixtures.tag(owner, org, "Customer");
        assertThat(customer.getJsonObject("usage").getInt("organization")).isEqualTo(1);
        assertThat(owner.api()
                        .delete(org.path() + "/tags/" + customer.getString("id"))
                        .status())
                .isEqualTo(204);
        assertThat(Pages.tags(owner.api().get(org.path()).json())).isEmpty();
        assertThat(owner.api()
                        .delete(org.path() + "/tags/" + vip.getString("id"))
                        .status())
                .isEqualTo(204);
        assertThat(Pages.tags(owner.api().get(departments + "/" + ops).json())).isEmpty();

        // replacing and clearing a record's tags; tags are part of the record: a new version, a new ETag
        Api.Reply before = owner.api().get(departments + "/" + ops);
        JsonObject retagged = owner.api()
                .patch(departments + "/" + ops, json("tags", List.of("a", "b")))
                .json();
        assertThat(Pages.tags(retagged)).containsExactly("a", "b");
        assertThat(retagged.getInt("version")).isEqualTo(before.json().getInt("version") + 1);
        assertThat(owner.api().get(departments + "/" + ops).header("ETag")).isNotEqualTo(before.header("ETag"));
        assertThat(Pages.tags(owner.api()
                        .patch(departments + "/" + ops, json("tags", JsonValue.NULL))
                        .json()))
                .isEmpty();
        // a deleted record's taggings go with it
        assertThat(owner.api().delete(teams + "/" + launch).status()).isEqualTo(204);
        assertThat(Fixtures.tag(owner, org, "Europe").getJsonObject("usage").getInt("team"))
                .isZero();
    }

    @Test
    void aRecordReadAgainCarriesItsTagsAsTheyAreNow() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        String sales = departments + "/"
                + owner.api()
                        .post(departments, json("name", "Sales", "code", "S", "tags", List.of("emea")))
                        .id();
        assertThat(Pages.tags(owner.api().get(sales).json())).containsExactly("emea");
        assertThat(Pages.tags(owner.api()
                        .get(departments)
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)))
                .containsExactly("emea");

        // a refused change leaves them; a change of another field keeps them, in a new version
        Api.Reply refused = owner.api()
                .patch(
                        sales,
                        json(
                                "tags",
                                List.of("apac"),
                                "parentId",
                                UUID.randomUUID().toString()));
        assertProblem(refused, 400);
        assertThat(Pages.tags(owner.api().get(sales).json())).containsExactly("emea");
        JsonObject renamed =
                owner.api().patch(sales, json("name", "Sales EMEA")).json();
        assertThat(Pages.tags(renamed)).containsExactly("emea");
        JsonObject read = owner.api().get(sales).json();
        assertThat(read.getInt("version")).isEqualTo(renamed.getInt("version"));
        assertThat(Pages.tags(read)).containsExactly("emea");

        // a change of the tags themselves, read by item and in a list
        owner.api().patch(sales, json("tags", List.of("apac", "Core")));
        assertThat(Pages.tags(owner.api().get(sales).json())).containsExactly("apac", "Core");
        assertThat(Pages.tags(owner.api()
                        .get(departments)
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)))
                .containsExactly("apac", "Core");
    }

    @Test
    void aServerReadsTheTagsOfARecordVersionOnce() throws SQLException {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String sales = org.path() + "/departments/"
                + owner.api()
                        .post(org.path() + "/departments", json("name", "Sales", "code", "S", "tags", List.of("emea")))
                        .id();
        JsonObject read = owner.api().get(sales).json();
        assertThat(Pages.tags(read)).containsExactly("emea");
        try (Connection app = Fixtures.appRole()) {
            try (PreparedStatement set = app.prepareStatement("select set_config('orgbase.org_id', ?, false)")) {
                set.setString(1, org.id().toString());
                set.executeQuery().close();
            }
            // behind the server's back, without a new version: what no path of Orgbase does
            try (PreparedStatement untag = app.prepareStatement("delete from tagging where entity_id = ?")) {
                untag.setObject(1, UUID.fromString(read.getString("id")));
                assertThat(untag.executeUpdate()).isEqualTo(1);
            }
            assertThat(Pages.tags(owner.api().get(sales).json()))
                    .as("the version read before: its tags come from the server's memory")
                    .containsExactly("emea");
            try (PreparedStatement bump =
                    app.prepareStatement("update department set version = version + 1 where id = ?")) {
                bump.setObject(1, UUID.fromString(read.getString("id")));
                assertThat(bump.executeUpdate()).isEqualTo(1);
            }
        }
        assertThat(Pages.tags(owner.api().get(sales).json()))
                .as("a new version: its tags are read")
                .isEmpty();
    }

    @Test
    void badTagsAndIsolation() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org theirs = Fixtures.newOrg(stranger);
        Fixtures.addMember(owner, org, member, "member");
        String departments = org.path() + "/departments";
        UUID kept = owner.api()
                .post(departments, json("name", "Kept", "code", "K", "tags", List.of("keep")))
                .id();

        assertInvalidFields(owner.api().patch(departments + "/" + kept, json("tags", List.of("x".repeat(51)))), "tags");
        assertInvalidFields(owner.api().patch(departments + "/" + kept, json("tags", "flat")), "tags");
        assertInvalidFields(owner.api().patch(departments + "/" + kept, json("tags", List.of(" "))), "tags");
        assertInvalidFields(
                owner.api()
                        .patch(
                                departments + "/" + kept,
                                json(
                                        "tags",
                                        IntStream.range(0, 21)
                                                .mapToObj(i -> "t" + i)
                                                .toList())),
                "tags");
        assertThat(Pages.tags(owner.api().get(departments + "/" + kept).json())).containsExactly("keep");
        assertThat(owner.api().get(departments + "/" + kept).json().getInt("version"))
                .isEqualTo(1);

        JsonObject keep = Fixtures.tag(owner, org, "keep");
        assertProblem(member.api().patch(org.path() + "/tags/" + keep.getString("id"), json("name", "x")), 403);
        assertThat(member.in(org).tags().list().status()).isEqualTo(200);
        assertInvalidFields(owner.api().patch(org.path() + "/tags/" + keep.getString("id"), json("name", "")), "name");
        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/tags/" + keep.getString("id") + "/merge",
                                json("into", keep.getString("id"))),
                "into");

        // the stranger's tag of the same name is theirs alone
        UUID foreignDept = stranger.in(theirs)
                .departments()
                .create(json("name", "Theirs", "code", "T", "tags", List.of("keep")))
                .id();
        JsonObject foreign = Fixtures.tag(stranger, theirs, "keep");
        assertThat(foreign.getString("id")).isNotEqualTo(keep.getString("id"));
        assertProblem(owner.api().get(org.path() + "/tags/" + foreign.getString("id")), 404);
        assertProblem(owner.api().delete(org.path() + "/tags/" + foreign.getString("id")), 404);
        assertInvalidFields(
                owner.api()
                        .post(
                                org.path() + "/tags/" + keep.getString("id") + "/merge",
                                json("into", foreign.getString("id"))),
                "into");
        assertThat(Pages.names(owner.api().get(departments + "?tag=keep"))).containsExactly("Kept");
        assertThat(Fixtures.tag(owner, org, "keep").getJsonObject("usage").getInt("department"))
                .isEqualTo(1);
        assertThat(foreignDept).isNotNull();
    }

    @Test
    void theVocabularyAndFieldDefinitionsShowOnlyKindsTheCallerMayRead() {
        Session owner = Fixtures.newUser();
        Session viewer = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, viewer, "viewer");
        Api.Reply contact =
                owner.in(org).contacts().create(json("lastName", "Secret", "tags", List.of("takeover-target")));
        assertThat(contact.status()).as("%s", contact).isEqualTo(201);
        UUID field = Fixtures.define(
                owner, org, json("entity", "contact", "key", "dealsize", "label", "Deal size", "type", "number"));

        assertThat(Fixtures.tag(owner, org, "takeover-target")
                        .getJsonObject("usage")
                        .getInt("contact"))
                .isEqualTo(1);
        JsonObject seen = Fixtures.tag(viewer, org, "takeover-target").getJsonObject("usage");
        assertThat(seen.containsKey("contact")).isFalse();
        assertThat(seen.getInt("department")).isZero();

        assertThat(owner.in(org).customFields().item(field).get().status()).isEqualTo(200);
        assertProblem(viewer.in(org).customFields().item(field).get(), 404);
        assertThat(viewer.in(org).customFields().list().json().getJsonArray("items"))
                .isEmpty();
    }

    /** Whatever path reads or writes a record answers it with its tags. */
    @Test
    void everyPathToARecordCarriesItsTags() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        UUID top = owner.api()
                .post(departments, json("name", "Top", "code", "T", "tags", List.of("high")))
                .id();
        UUID below = owner.api()
                .post(
                        departments,
                        json("name", "Below", "code", "B", "parentId", top.toString(), "tags", List.of("deep")))
                .id();
        assertThat(tags(
                        owner.api()
                                .get(departments + "/" + top + "/descendants")
                                .json(),
                        0))
                .containsExactly("deep");
        assertThat(tags(
                        owner.api()
                                .get(departments + "/" + below + "/ancestors")
                                .json(),
                        0))
                .containsExactly("high");
        assertThat(tags(owner.api().get(departments + "?sort=code").json(), 0)).containsExactly("deep");
        assertThat(Pages.tags(owner.api().get(departments + "/" + below).json()))
                .containsExactly("deep");
        assertThat(Pages.tags(owner.api()
                        .patch(departments + "/" + below, json("description", "untagged change"))
                        .json()))
                .containsExactly("deep");
        JsonObject bulk = owner.api()
                .post(
                        departments + "/bulk",
                        json(
                                "operations",
                                jakarta.json.Json.createArrayBuilder()
                                        .add(json(
                                                "op",
                                                "update",
                                                "id",
                                                top.toString(),
                                                "body",
                                                json("name", "Top again")))
                                        .build()))
                .json();
        assertThat(Pages.tags(bulk.getJsonArray("results").getJsonObject(0).getJsonObject("body")))
                .containsExactly("high");

        String teams = org.path() + "/teams";
        UUID team = owner.api()
                .post(teams, json("name", "Crew", "tags", List.of("crew")))
                .id();
        assertThat(Pages.tags(owner.api().get(teams + "/" + team).json())).containsExactly("crew");
        assertThat(Pages.tags(owner.api()
                        .patch(teams + "/" + team, json("name", "Crew 2"))
                        .json()))
                .containsExactly("crew");
        String contacts = org.path() + "/contacts";
        UUID contact = owner.api()
                .post(contacts, json("lastName", "Ng", "tags", List.of("lead")))
                .id();
        assertThat(Pages.tags(owner.api().get(contacts + "/" + contact).json())).containsExactly("lead");
        assertThat(Pages.tags(owner.api()
                        .patch(contacts + "/" + contact, json("firstName", "Al"))
                        .json()))
                .containsExactly("lead");
    }

    private static List<String> tags(JsonObject page, int index) {
        return Pages.tags(page.getJsonArray("items").getJsonObject(index));
    }

    @Test
    void aVocabularyWideChangeIsANewVersionOfEveryRecordItTouches() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        UUID sales = owner.api()
                .post(departments, json("name", "Sales", "code", "S", "tags", List.of("emea")))
                .id();
        UUID team = owner.in(org)
                .teams()
                .create(json("name", "Launch", "tags", List.of("emea")))
                .id();
        String salesEtag = owner.api().get(departments + "/" + sales).header("ETag");
        String teamEtag = owner.in(org).teams().item(team).get().header("ETag");

        String emea = Fixtures.tag(owner, org, "emea").getString("id");
        assertThat(owner.in(org)
                        .tags()
                        .item(emea)
                        .update(json("name", "Europe"))
                        .status())
                .isEqualTo(200);
        Api.Reply renamed = owner.api().withHeader("If-None-Match", salesEtag).get(departments + "/" + sales);
        assertThat(renamed.status())
                .as("a client holding the old ETag sees the new tags")
                .isEqualTo(200);
        assertThat(renamed.json().getJsonArray("tags").getString(0)).isEqualTo("Europe");
        assertThat(owner.api()
                        .withHeader("If-None-Match", teamEtag)
                        .get(org.path() + "/teams/" + team)
                        .status())
                .isEqualTo(200);
        assertThat(owner.api()
                        .get(org.path() + "/audit-events?action=tag-renamed&entityId=" + sales)
                        .json()
                        .getJsonArray("items"))
                .hasSize(1);

        // deleting it, and deleting a custom field, are changes of the records too
        String renamedEtag = renamed.header("ETag");
        assertThat(owner.in(org).tags().item(emea).delete().status()).isEqualTo(204);
        Api.Reply untagged =
                owner.api().withHeader("If-None-Match", renamedEtag).get(departments + "/" + sales);
        assertThat(untagged.status()).isEqualTo(200);
        assertThat(untagged.json().getJsonArray("tags")).isEmpty();

        UUID field = Fixtures.define(
                owner, org, json("entity", "department", "key", "budget", "label", "Budget", "type", "number"));
        owner.api().patch(departments + "/" + sales, json("customFields", json("budget", 5)));
        String withValue = owner.api().get(departments + "/" + sales).header("ETag");
        assertThat(owner.in(org).customFields().item(field).delete().status()).isEqualTo(204);
        Api.Reply withoutValue =
                owner.api().withHeader("If-None-Match", withValue).get(departments + "/" + sales);
        assertThat(withoutValue.status()).isEqualTo(200);
        assertThat(withoutValue.json().getJsonObject("customFields")).isEmpty();
        assertThat(owner.api()
                        .get(org.path() + "/audit-events?action=custom-field-deleted&entityId=" + sales)
                        .json()
                        .getJsonArray("items"))
                .hasSize(1);
    }

    private static List<String> slugs(Api.Reply list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("slug"))
                .toList();
    }
}
