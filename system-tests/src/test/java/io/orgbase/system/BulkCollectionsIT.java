package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bulk convention on members, invitations, API keys and roles; ETags on members, invitations
 * and API keys; the roles list's paging.
 */
class BulkCollectionsIT {

    private static List<Integer> statuses(JsonObject outcome) {
        return outcome.getJsonArray("results").stream()
                .map(r -> r.asJsonObject().getInt("status"))
                .toList();
    }

    private static JsonObject body(JsonObject outcome, int index) {
        return outcome.getJsonArray("results").getJsonObject(index).getJsonObject("body");
    }

    private static String role(Session owner, Org org, Session member) {
        return owner.in(org).members().item(member.id()).get().json().getString("role");
    }

    @Test
    void aBulkRoleChangeAnswersPerMemberAndKeepsOthersOut() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Session cy = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        Session theirMember = Fixtures.newUser();
        Fixtures.addMember(stranger, theirs, theirMember, "member");
        Fixtures.addMember(owner, org, ann, "member");
        Fixtures.addMember(owner, org, bob, "member");

        Api.Reply reply = owner.in(org)
                .members()
                .bulk("{\"operations\":["
                        + "{\"op\":\"update\",\"id\":\"" + ann.id() + "\",\"body\":{\"role\":\"admin\"}},"
                        + "{\"op\":\"update\",\"id\":\"" + bob.id()
                        + "\",\"ifMatch\":\"\\\"99\\\"\",\"body\":{\"role\":\"admin\"}},"
                        + "{\"op\":\"update\",\"id\":\"" + theirMember.id()
                        + "\",\"body\":{\"role\":\"viewer\"}},"
                        + "{\"op\":\"create\",\"body\":{\"email\":\"" + cy.email() + "\",\"role\":\"viewer\"}},"
                        + "{\"op\":\"update\",\"id\":\"" + bob.id() + "\",\"body\":{\"role\":\"emperor\"}}"
                        + "]}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(statuses(reply.json())).containsExactly(200, 412, 404, 201, 400);
        assertThat(body(reply.json(), 0).getString("role")).isEqualTo("admin");
        assertThat(body(reply.json(), 3).getString("email")).isEqualTo(cy.email());

        assertThat(role(owner, org, ann)).isEqualTo("admin");
        assertThat(role(owner, org, bob)).isEqualTo("member");
        assertThat(role(owner, org, cy)).isEqualTo("viewer");
        assertThat(role(stranger, theirs, theirMember))
                .as("the other organization's member")
                .isEqualTo("member");

        JsonObject removed = owner.in(org)
                .members()
                .bulk("{\"atomic\":true,\"operations\":[{\"op\":\"delete\",\"id\":\"" + cy.id() + "\"},"
                        + "{\"op\":\"delete\",\"id\":\"" + owner.id() + "\"}]}")
                .json();
        assertThat(removed.getBoolean("committed")).isFalse();
        assertThat(statuses(removed)).as("the last owner cannot leave").containsExactly(424, 409);
        assertThat(owner.in(org).members().item(cy.id()).get().status())
                .as("the removal was undone")
                .isEqualTo(200);
    }

    @Test
    void membersCarryAnETagThatGuardsChanges() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session ann = Fixtures.newUser();
        Fixtures.addMember(owner, org, ann, "member");
        String member = org.path() + "/members/" + ann.id();

        Api.Reply read = owner.api().get(member);
        assertThat(read.status()).isEqualTo(200);
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"" + read.json().getJsonNumber("version").longValue() + "\"");
        assertThat(owner.api().withHeader("If-None-Match", etag).get(member).status())
                .isEqualTo(304);

        Api.Reply changed = owner.api().withHeader("If-Match", etag).patch(member, json("role", "viewer"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);

        Api.Reply stale = owner.api().withHeader("If-Match", etag).patch(member, json("role", "admin"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(owner.api().withHeader("If-Match", etag).delete(member).status())
                .isEqualTo(412);
        assertThat(role(owner, org, ann)).isEqualTo("viewer");

        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        assertThat(stranger.in(theirs).members().item(ann.id()).get().status())
                .as("not a member there: like a user that does not exist")
                .isEqualTo(404);
        assertThat(owner.in(org).members().item(UUID.randomUUID()).get().status())
                .isEqualTo(404);
    }

    @Test
    void invitationsGoOutInBulkAndTheAnswerIsNotStored() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        UUID foreign = UUID.fromString(stranger.in(theirs)
                .invitations()
                .create(json("email", "x-" + Secrets.suffix() + "@it.example", "role", "member"))
                .json()
                .getJsonObject("invitation")
                .getString("id"));

        Api.Reply reply = owner.in(org)
                .invitations()
                .bulk("{\"operations\":["
                        + "{\"op\":\"create\",\"body\":{\"email\":\"a-" + Secrets.suffix()
                        + "@it.example\",\"role\":\"member\"}},"
                        + "{\"op\":\"create\",\"body\":{\"email\":\"not an email\",\"role\":\"member\"}},"
                        + "{\"op\":\"delete\",\"id\":\"" + foreign + "\"}]}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(statuses(reply.json())).containsExactly(201, 400, 404);
        JsonObject sent = body(reply.json(), 0);
        assertThat(sent.getString("token")).isNotBlank();
        UUID invitation = UUID.fromString(sent.getJsonObject("invitation").getString("id"));
        assertThat(stranger.in(theirs).invitations().item(foreign).get().json().getString("status"))
                .isEqualTo("pending");

        String path = org.path() + "/invitations/" + invitation;
        Api.Reply read = owner.api().get(path);
        assertThat(read.json().getString("status")).isEqualTo("pending");
        assertThat(owner.api().withHeader("If-Match", "\"999\"").delete(path).status())
                .isEqualTo(412);
        assertThat(owner.api()
                        .withHeader("If-Match", read.header("ETag"))
                        .delete(path)
                        .status())
                .isEqualTo(204);
        assertThat(owner.api().get(path).json().getString("status")).isEqualTo("revoked");
        assertThat(owner.in(theirs).invitations().item(foreign).get().status())
                .as("another organization's invitation")
                .isEqualTo(404);

        assertInvalidFields(
                owner.in(org)
                        .invitations()
                        .bulk("{\"operations\":[{\"op\":\"update\",\"id\":\"" + invitation + "\",\"body\":{}}]}"),
                "operations[0].op");
    }

    @Test
    void apiKeysAreCreatedAndRevokedInBulk() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        UUID old = owner.in(org)
                .apiKeys()
                .create(json("name", "old", "role", "viewer"))
                .json()
                .getJsonObject("apiKey")
                .getString("id")
                .transform(UUID::fromString);

        Api.Reply reply = owner.in(org)
                .apiKeys()
                .bulk("{\"atomic\":true,\"operations\":["
                        + "{\"op\":\"create\",\"body\":{\"name\":\"new\",\"role\":\"viewer\"}},"
                        + "{\"op\":\"delete\",\"id\":\"" + old + "\"}]}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        assertThat(reply.json().getBoolean("committed")).isTrue();
        assertThat(statuses(reply.json())).containsExactly(201, 204);
        String secret = body(reply.json(), 0).getString("key");
        assertThat(Api.anonymous()
                        .withHeader("X-API-Key", secret)
                        .get(org.path() + "/departments")
                        .status())
                .as("the new key works")
                .isEqualTo(200);

        Api.Reply revoked = owner.in(org).apiKeys().item(old).get();
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt")).isNotEqualTo(JsonValue.NULL);
        assertThat(revoked.header("ETag")).isNotNull();

        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        assertThat(stranger.in(theirs).apiKeys().item(old).get().status()).isEqualTo(404);
        assertInvalidFields(
                owner.in(org)
                        .apiKeys()
                        .bulk("{\"operations\":[{\"op\":\"delete\",\"id\":\"" + old + "\",\"body\":{}},"
                                + "{\"op\":\"delete\",\"id\":\"" + old + "\",\"ifMatch\":3}]}"),
                "operations[0].body",
                "operations[1].ifMatch");
    }

    @Test
    void customRolesInBulkAndTheRolesListPages() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session stranger = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(stranger);
        assertThat(stranger.in(theirs)
                        .roles()
                        .create("{\"key\":\"foreign\",\"name\":\"Foreign\",\"permissions\":[\"departments:read\"]}")
                        .status())
                .isEqualTo(201);

        Api.Reply reply = owner.in(org)
                .roles()
                .bulk("{\"operations\":["
                        + "{\"op\":\"create\",\"body\":{\"key\":\"auditor\",\"name\":\"Auditor\","
                        + "\"permissions\":[\"audit:read\"]}},"
                        + "{\"op\":\"create\",\"body\":{\"key\":\"clerk\",\"name\":\"Clerk\","
                        + "\"permissions\":[\"departments:read\"]}},"
                        + "{\"op\":\"create\",\"body\":{\"key\":\"temp\",\"name\":\"Temp\","
                        + "\"permissions\":[\"departments:read\"]}},"
                        + "{\"op\":\"update\",\"id\":\"clerk\",\"body\":{\"name\":\"Senior clerk\"}},"
                        + "{\"op\":\"delete\",\"id\":\"temp\"},"
                        + "{\"op\":\"delete\",\"id\":\"foreign\"},"
                        + "{\"op\":\"update\",\"id\":\"owner\",\"body\":{\"name\":\"Boss\"}}]}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(statuses(reply.json())).containsExactly(201, 201, 201, 200, 204, 404, 409);
        assertThat(stranger.in(theirs).roles().item("foreign").get().status()).isEqualTo(200);

        String roles = org.path() + "/roles";
        List<String> keys = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page = owner.api().get(roles + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            page.json()
                    .getJsonArray("items")
                    .forEach(r -> keys.add(r.asJsonObject().getString("key")));
            cursor = page.json().isNull("nextCursor") ? null : page.json().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(keys).containsExactly("owner", "admin", "member", "viewer", "auditor", "clerk");
        List<String> byKey = owner.api().get(roles + "?sort=key").json().getJsonArray("items").stream()
                .map(r -> r.asJsonObject().getString("key"))
                .toList();
        assertThat(byKey).containsExactly("admin", "auditor", "clerk", "member", "owner", "viewer");

        JsonObject custom = owner.api().get(roles + "?system=false&count=true").json();
        assertThat(custom.getInt("total")).isEqualTo(2);
        // the collection engine's JSON filter, as on every other list
        assertThat(Pages.field(
                        owner.api()
                                .get(roles + "?filter="
                                        + Pages.encode("{\"and\":[{\"field\":\"system\",\"op\":\"eq\",\"value\":false},"
                                                + "{\"field\":\"key\",\"op\":\"startswith\",\"value\":\"aud\"}]}")),
                        "key"))
                .containsExactly("auditor");
        assertThat(owner.api().get(roles + "?q=senior").json().getJsonArray("items"))
                .singleElement()
                .satisfies(r -> assertThat(r.asJsonObject().getString("key")).isEqualTo("clerk"));
        List<String> byName = owner.api().get(roles + "?sort=-name&limit=3").json().getJsonArray("items").stream()
                .map(r -> r.asJsonObject().getString("name"))
                .toList();
        assertThat(byName)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .hasSize(3);

        assertInvalidFields(owner.api().get(roles + "?cursor=bm9wZQ"), "cursor");
        assertInvalidFields(owner.api().get(roles + "?sort=createdAt"), "sort");
        assertInvalidFields(owner.api().get(roles + "?colour=red&system=maybe"), "colour", "system");
        String firstByKey = owner.api().get(roles + "?limit=1").json().getString("nextCursor");
        assertInvalidFields(owner.api().get(roles + "?sort=name&cursor=" + firstByKey), "cursor");
    }

    @Test
    void anOrganizationDefinesAtMostTwoHundredCustomRoles() throws Exception {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        for (int batch = 0; batch < 2; batch++) {
            StringBuilder operations = new StringBuilder("{\"operations\":[");
            for (int i = 0; i < (batch == 0 ? 100 : 98); i++) {
                operations
                        .append(i == 0 ? "" : ",")
                        .append("{\"op\":\"create\",\"body\":{\"key\":\"r")
                        .append(batch * 100 + i)
                        .append("\",\"name\":\"R\",\"permissions\":[]}}");
            }
            JsonObject outcome = owner.in(org).roles().bulk(operations + "]}").json();
            assertThat(statuses(outcome)).as("batch %d", batch).containsOnly(201);
        }
        // four creates race for the last two places
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = "last" + i;
            racing.add(pool.submit(() -> owner.in(org)
                    .roles()
                    .create("{\"key\":\"" + key + "\",\"name\":\"Last\",\"permissions\":[]}")
                    .status()));
        }
        List<Integer> raced = new ArrayList<>();
        for (java.util.concurrent.Future<Integer> status : racing) {
            raced.add(status.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(raced).containsExactlyInAnyOrder(201, 201, 409, 409);
        Api.Reply oneMore = owner.in(org).roles().create("{\"key\":\"extra\",\"name\":\"Extra\",\"permissions\":[]}");
        assertThat(oneMore.status()).as("%s", oneMore).isEqualTo(409);
        JsonObject all =
                owner.in(org).roles().list("system=false&limit=200&count=true").json();
        assertThat(all.getInt("total")).isEqualTo(200);
        assertThat(all.getJsonArray("items")).hasSize(200);
        assertThat(all.isNull("nextCursor")).isTrue();
    }
}
