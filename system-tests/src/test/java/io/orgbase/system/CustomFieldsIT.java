package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Custom field definitions per organization, and values validated against them on departments, teams and the organization. */
class CustomFieldsIT {

    @Test
    void definitionsValidateValuesPerKindOfRecord() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String fields = org.path() + "/custom-fields";
        Api.Reply costCenter = owner.api()
                .post(
                        fields,
                        json(
                                "entity",
                                "department",
                                "key",
                                "costCenter",
                                "label",
                                "Cost center",
                                "type",
                                "string",
                                "required",
                                true));
        assertThat(costCenter.status()).as("%s", costCenter).isEqualTo(201);
        assertThat(costCenter.json().getBoolean("required")).isTrue();
        Fixtures.define(
                owner,
                org,
                json("entity", "department", "key", "headcountBudget", "label", "Budget", "type", "number"));
        Fixtures.define(owner, org, json("entity", "department", "key", "opened", "label", "Opened", "type", "date"));
        Fixtures.define(
                owner, org, json("entity", "department", "key", "remote", "label", "Remote", "type", "boolean"));
        Fixtures.define(
                owner,
                org,
                json(
                        "entity",
                        "department",
                        "key",
                        "tier",
                        "label",
                        "Tier",
                        "type",
                        "enum",
                        "enumValues",
                        List.of("gold", "silver")));
        Fixtures.define(owner, org, json("entity", "team", "key", "channel", "label", "Channel", "type", "string"));

        String departments = org.path() + "/departments";
        JsonObject values = Json.createObjectBuilder()
                .add("costCenter", "CC-1")
                .add("headcountBudget", 12.5)
                .add("opened", "2026-01-31")
                .add("remote", true)
                .add("tier", "gold")
                .build();
        Api.Reply created = owner.api().post(departments, json("name", "Sales", "code", "S", "customFields", values));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().getJsonObject("customFields")).isEqualTo(values);
        UUID sales = created.id();

        // every wrong value is named, and nothing is stored
        JsonObject wrong = Json.createObjectBuilder()
                .add("headcountBudget", "many")
                .add("opened", "31.01.2026")
                .add("remote", "yes")
                .add("tier", "bronze")
                .add("channel", "#x")
                .build();
        assertInvalidFields(
                owner.api().patch(departments + "/" + sales, json("customFields", wrong)),
                "customFields.headcountBudget",
                "customFields.opened",
                "customFields.remote",
                "customFields.tier",
                "customFields.channel");
        assertInvalidFields(
                owner.api().post(departments, json("name", "No center", "code", "N")), "customFields.costCenter");
        assertInvalidFields(
                owner.api().patch(departments + "/" + sales, json("customFields", json("costCenter", JsonValue.NULL))),
                "customFields.costCenter");
        assertThat(owner.api().get(departments + "/" + sales).json().getJsonObject("customFields"))
                .isEqualTo(values);

        // a PATCH merges; null removes an optional value
        JsonObject merged = owner.api()
                .patch(
                        departments + "/" + sales,
                        json("customFields", json("tier", "silver", "remote", JsonValue.NULL)))
                .json()
                .getJsonObject("customFields");
        assertThat(merged.getString("tier")).isEqualTo("silver");
        assertThat(merged.containsKey("remote")).isFalse();
        assertThat(merged.getString("costCenter")).isEqualTo("CC-1");

        // teams have their own definitions
        Api.Reply team = owner.in(org).teams().create(json("name", "T", "customFields", json("channel", "#t")));
        assertThat(team.status()).as("%s", team).isEqualTo(201);
        assertInvalidFields(
                owner.in(org).teams().create(json("name", "U", "customFields", json("costCenter", "x"))),
                "customFields.costCenter");

        // the organization's own fields
        Fixtures.define(
                owner,
                org,
                json(
                        "entity",
                        "organization",
                        "key",
                        "region",
                        "label",
                        "Region",
                        "type",
                        "enum",
                        "enumValues",
                        List.of("emea", "apac")));
        JsonObject organization = owner.api()
                .patch(org.path(), json("customFields", json("region", "emea")))
                .json();
        assertThat(organization.getJsonObject("customFields").getString("region"))
                .isEqualTo("emea");
        assertInvalidFields(
                owner.api().patch(org.path(), json("customFields", json("region", "mars"))), "customFields.region");

        // deleting a definition takes its values off every record
        UUID tier = idOf(owner, org, "department", "tier");
        assertThat(owner.api().delete(fields + "/" + tier).status()).isEqualTo(204);
        assertThat(owner.api()
                        .get(departments + "/" + sales)
                        .json()
                        .getJsonObject("customFields")
                        .containsKey("tier"))
                .isFalse();
    }

    @Test
    void definitionsAreCheckedAndOnlyPartlyChangeable() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        String fields = org.path() + "/custom-fields";
        assertInvalidFields(
                owner.api()
                        .post(
                                fields,
                                json("entity", "planet", "key", "Bad Key", "label", "x".repeat(201), "type", "color")),
                "entity",
                "key",
                "label",
                "type");
        assertInvalidFields(
                owner.api().post(fields, json("entity", "team", "key", "level", "label", "L", "type", "enum")),
                "enumValues");
        assertInvalidFields(
                owner.api()
                        .post(
                                fields,
                                json(
                                        "entity",
                                        "team",
                                        "key",
                                        "n",
                                        "label",
                                        "N",
                                        "type",
                                        "number",
                                        "enumValues",
                                        List.of("a"))),
                "enumValues");
        UUID id = Fixtures.define(
                owner,
                org,
                json(
                        "entity",
                        "team",
                        "key",
                        "level",
                        "label",
                        "Level",
                        "type",
                        "enum",
                        "enumValues",
                        List.of("a", "b")));
        assertProblem(
                owner.api().post(fields, json("entity", "team", "key", "level", "label", "Again", "type", "string")),
                409);
        assertProblem(
                member.api().post(fields, json("entity", "team", "key", "x", "label", "X", "type", "string")), 403);
        assertThat(member.api().get(fields).status()).isEqualTo(200);

        assertInvalidFields(owner.api().patch(fields + "/" + id, json("type", "string")), "type");
        assertInvalidFields(owner.api().patch(fields + "/" + id, json("enumValues", List.of())), "enumValues");
        JsonObject changed = owner.api()
                .patch(
                        fields + "/" + id,
                        json("label", "Grade", "enumValues", List.of("a", "b", "c"), "required", true))
                .json();
        assertThat(changed.getString("label")).isEqualTo("Grade");
        assertThat(changed.getJsonArray("enumValues")).hasSize(3);
        assertThat(changed.getInt("version")).isEqualTo(2);
        Fixtures.define(owner, org, json("entity", "department", "key", "note", "label", "Note", "type", "string"));
        assertThat(keys(owner.api().get(fields + "?type=enum"))).containsExactly("level");
        assertThat(keys(owner.api().get(fields + "?entity=department"))).containsExactly("note");

        // another organization's definitions are nowhere
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID foreign = Fixtures.define(
                stranger, theirs, json("entity", "team", "key", "secret", "label", "S", "type", "string"));
        assertProblem(owner.api().get(fields + "/" + foreign), 404);
        assertProblem(owner.api().delete(fields + "/" + foreign), 404);
        assertInvalidFields(
                owner.in(org).teams().create(json("name", "T", "customFields", json("secret", "x", "level", "a"))),
                "customFields.secret");
        assertThat(keys(owner.api().get(fields))).containsExactly("note", "level");
    }

    private static UUID idOf(Session session, Org org, String entity, String key) {
        return session.api().get(org.path() + "/custom-fields?entity=" + entity).json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(f -> f.getString("key").equals(key))
                .map(f -> UUID.fromString(f.getString("id")))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> keys(Api.Reply list) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("key"))
                .toList();
    }
}
