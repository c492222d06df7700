package io.orgbase.system;

import static io.orgbase.system.Problems.assertInvalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bulk operations on departments: each operation answered as its own endpoint would answer it;
 * atomic requests are all or nothing.
 */
class BulkIT {

    private static List<Integer> statuses(JsonObject outcome) {
        return outcome.getJsonArray("results").stream()
                .map(r -> r.asJsonObject().getInt("status"))
                .toList();
    }

    private static String create(String name, String code) {
        return "{\"op\":\"create\",\"body\":{\"name\":\"" + name + "\",\"code\":\"" + code + "\"}}";
    }

    @Test
    void eachOperationSucceedsOrFailsOnItsOwn() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        UUID renamed = Fixtures.newDepartment(owner, org, "Old name");
        UUID doomed = Fixtures.newDepartment(owner, org, "Doomed");
        Api.Reply reply = owner.api()
                .post(
                        departments + "/bulk",
                        "{\"operations\":[" + create("Alpha", "A1") + ","
                                + "{\"op\":\"create\",\"body\":{\"name\":\"No code\"}},"
                                + "{\"op\":\"update\",\"id\":\"" + renamed + "\",\"body\":{\"name\":\"New name\"}},"
                                + "{\"op\":\"update\",\"id\":\"" + renamed
                                + "\",\"ifMatch\":\"\\\"0\\\"\",\"body\":{\"name\":\"Stale\"}},"
                                + "{\"op\":\"delete\",\"id\":\"" + doomed + "\"},"
                                + "{\"op\":\"delete\",\"id\":\"" + UUID.randomUUID() + "\"}]}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonObject outcome = reply.json();
        assertThat(outcome.getBoolean("committed")).isTrue();
        assertThat(statuses(outcome)).containsExactly(201, 400, 200, 412, 204, 404);
        JsonObject createdBody =
                outcome.getJsonArray("results").getJsonObject(0).getJsonObject("body");
        assertThat(createdBody.getString("name")).isEqualTo("Alpha");
        JsonObject invalid = outcome.getJsonArray("results").getJsonObject(1).getJsonObject("body");
        assertThat(invalid.getJsonArray("invalid-params").getJsonObject(0).getString("name"))
                .isEqualTo("code");
        assertThat(Pages.names(owner.api().get(departments))).containsExactly("Alpha", "New name");
    }

    @Test
    void anAtomicRequestIsAllOrNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String departments = org.path() + "/departments";
        int auditBefore = Fixtures.events(owner, org, "limit=200").size();

        JsonObject failed = owner.api()
                .post(
                        departments + "/bulk",
                        "{\"atomic\":true,\"operations\":[" + create("First", "F1") + "," + create("Twin", "F1") + ","
                                + create("Never", "F3") + "]}")
                .json();
        assertThat(failed.getBoolean("committed")).isFalse();
        assertThat(statuses(failed)).containsExactly(424, 409, 424);
        assertThat(Pages.names(owner.api().get(departments))).isEmpty();
        assertThat(Fixtures.events(owner, org, "limit=200")).hasSize(auditBefore);

        JsonObject done = owner.api()
                .post(
                        departments + "/bulk",
                        "{\"atomic\":true,\"operations\":[" + create("One", "O1") + "," + create("Two", "O2") + "]}")
                .json();
        assertThat(done.getBoolean("committed")).isTrue();
        assertThat(statuses(done)).containsExactly(201, 201);
        assertThat(Pages.names(owner.api().get(departments))).containsExactly("One", "Two");
        // each operation is audited as its own request would be, by whoever sent the bulk request
        List<JsonObject> created = Fixtures.events(owner, org, "entityType=department&action=create");
        assertThat(created).hasSize(2);
        assertThat(created)
                .allSatisfy(event -> assertThat(event.getJsonObject("actor").getString("id"))
                        .isEqualTo(owner.id().toString()));
        assertThat(owner.in(org).auditEvents().item("verify").get().json().getBoolean("intact"))
                .isTrue();
    }

    @Test
    void anotherOrganizationsRowsAreUnknownHereToo() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID foreign = Fixtures.newDepartment(stranger, theirs, "Theirs");
        JsonObject outcome = owner.in(org)
                .departments()
                .bulk("{\"operations\":[{\"op\":\"delete\",\"id\":\"" + foreign + "\"},"
                        + "{\"op\":\"update\",\"id\":\"" + foreign + "\",\"body\":{\"name\":\"Mine now\"}}]}")
                .json();
        assertThat(statuses(outcome)).containsExactly(404, 404);
        assertThat(Pages.names(stranger.in(theirs).departments().list())).containsExactly("Theirs");
    }

    @Test
    void aMalformedEnvelopeRunsNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String bulk = org.path() + "/departments/bulk";
        assertInvalidFields(owner.api().post(bulk, "{}"), "operations");
        assertInvalidFields(owner.api().post(bulk, "{\"operations\":[]}"), "operations");
        assertInvalidFields(
                owner.api().post(bulk, "{\"operations\":[" + create("Kept out", "K1") + ",{\"op\":\"merge\"}]}"),
                "operations[1].op");
        assertInvalidFields(
                owner.api()
                        .post(
                                bulk,
                                "{\"operations\":[{\"op\":\"delete\"},{\"op\":\"update\",\"id\":\"x\",\"body\":1}]}"),
                "operations[0].id",
                "operations[1].id",
                "operations[1].body");
        StringBuilder many = new StringBuilder("{\"operations\":[");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append(create("D" + i, "C" + i));
        }
        assertInvalidFields(owner.api().post(bulk, many + "]}"), "operations");
        assertInvalidFields(
                owner.api().post(bulk, "{\"operations\":[" + create("X", "X") + "],\"atomic\":\"yes\"}"), "atomic");
        assertThat(Pages.names(owner.in(org).departments().list())).isEmpty();
    }
}
