package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Pages.emails;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Teams: CRUD, members with a team role, a user's teams across organizations, isolation. */
class TeamsIT {

    @Test
    void teamsWithLeadsAndMembersFromSeveralDepartments() {
        Session owner = Fixtures.newUser();
        Session ann = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, ann, "member");
        Fixtures.addMember(owner, org, bob, "member");
        UUID sales = Fixtures.newDepartment(owner, org, "Sales");
        UUID it = Fixtures.newDepartment(owner, org, "IT");
        owner.in(org).members().item(ann.id()).update(json("departmentId", sales.toString()));
        owner.in(org).members().item(bob.id()).update(json("departmentId", it.toString()));
        String teams = org.path() + "/teams";

        Api.Reply created = owner.api()
                .post(
                        teams,
                        json("name", " Launch ", "description", "Q3 launch", "settings", json("channel", "#launch")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        UUID launch = created.id();
        assertThat(created.header("Location")).endsWith("/teams/" + launch);
        assertThat(created.json().getString("name")).isEqualTo("Launch");
        assertThat(created.json().getJsonObject("settings").getString("channel"))
                .isEqualTo("#launch");
        UUID quiet = owner.api().post(teams, json("name", "Quiet")).id();

        Api.Reply lead = owner.api()
                .post(teams + "/" + launch + "/members", json("userId", ann.id().toString(), "role", "lead"));
        assertThat(lead.status()).as("%s", lead).isEqualTo(201);
        assertThat(lead.json().getString("role")).isEqualTo("lead");
        assertThat(lead.json().getString("email")).isEqualTo(ann.email());
        assertThat(owner.api()
                        .post(
                                teams + "/" + launch + "/members",
                                json("userId", bob.id().toString()))
                        .json()
                        .getString("role"))
                .isEqualTo("member");
        assertThat(emails(owner.api().get(teams + "/" + launch + "/members")))
                .containsExactlyInAnyOrder(ann.email(), bob.email());
        assertThat(emails(owner.api().get(teams + "/" + launch + "/members?role=lead")))
                .containsExactly(ann.email());
        assertThat(Pages.names(owner.api().get(teams + "?leadId=" + ann.id()))).containsExactly("Launch");
        assertThat(Pages.names(owner.api().get(teams + "?memberId=" + bob.id())))
                .containsExactly("Launch");
        assertThat(Pages.names(owner.api()
                        .get(teams + "?filter="
                                + Pages.encode(
                                        "{\"field\":\"memberId\",\"op\":\"notin\",\"value\":[\"" + bob.id() + "\"]}"))))
                .containsExactly("Quiet");
        assertThat(emails(owner.api().get(org.path() + "/members?teamId=" + launch)))
                .containsExactlyInAnyOrder(ann.email(), bob.email());
        assertThat(emails(owner.api().get(org.path() + "/members?teamId=" + launch + "&departmentId=" + it)))
                .containsExactly(bob.email());

        // the member sees their teams; roles change; members leave
        assertThat(ann.api().get(teams + "/" + launch).status()).isEqualTo(200);
        assertThat(owner.api()
                        .patch(teams + "/" + launch + "/members/" + ann.id(), json("role", "member"))
                        .json()
                        .getString("role"))
                .isEqualTo("member");
        assertThat(owner.api()
                        .delete(teams + "/" + launch + "/members/" + bob.id())
                        .status())
                .isEqualTo(204);
        assertProblem(owner.api().get(teams + "/" + launch + "/members/" + bob.id()), 404);

        JsonObject renamed = owner.api()
                .patch(teams + "/" + launch, json("name", "Launch 2", "description", JsonValue.NULL))
                .json();
        assertThat(renamed.getString("name")).isEqualTo("Launch 2");
        assertThat(renamed.isNull("description")).isTrue();
        assertThat(renamed.getInt("version")).isEqualTo(2);

        // Leaving the organization leaves its teams; deleting a team keeps its members in the organization.
        assertThat(owner.in(org).members().item(ann.id()).delete().status()).isEqualTo(204);
        assertThat(emails(owner.api().get(teams + "/" + launch + "/members"))).isEmpty();
        assertThat(owner.api()
                        .post(
                                teams + "/" + quiet + "/members",
                                json("userId", bob.id().toString()))
                        .status())
                .isEqualTo(201);
        assertThat(owner.api().delete(teams + "/" + quiet).status()).isEqualTo(204);
        assertProblem(owner.api().get(teams + "/" + quiet), 404);
        assertThat(owner.in(org).members().item(bob.id()).get().status()).isEqualTo(200);
        for (String type : List.of("team", "team-member")) {
            assertThat(owner.api()
                            .get(org.path() + "/audit-events?entityType=" + type + "&action=delete")
                            .json()
                            .getJsonArray("items"))
                    .as("audited deletions of %s", type)
                    .isNotEmpty();
        }
    }

    @Test
    void myTeamsAcrossOrganizations() {
        Session ann = Fixtures.newUser();
        Session owner = Fixtures.newUser();
        Org first = Fixtures.newOrg(owner);
        Org second = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, first, ann, "member");
        Fixtures.addMember(owner, second, ann, "viewer");
        UUID alpha = owner.in(first).teams().create(json("name", "Alpha")).id();
        UUID beta = owner.in(second).teams().create(json("name", "Beta")).id();
        owner.in(second).teams().create(json("name", "Not hers"));
        owner.in(first)
                .teams()
                .item(alpha)
                .members()
                .create(json("userId", ann.id().toString(), "role", "lead"));
        owner.in(second)
                .teams()
                .item(beta)
                .members()
                .create(json("userId", ann.id().toString()));

        JsonObject mine = ann.api().get("/api/v1/me/teams").json();
        List<String> names = mine.getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("name"))
                .toList();
        assertThat(names).containsExactlyInAnyOrder("Alpha", "Beta");
        JsonObject alphaView = mine.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals("Alpha"))
                .findFirst()
                .orElseThrow();
        assertThat(alphaView.getString("role")).isEqualTo("lead");
        assertThat(alphaView.getJsonObject("org").getString("slug")).isEqualTo(first.slug());
        // suspended in one organization: its teams are not hers to act in
        owner.in(second).members().item(ann.id()).update(json("active", false));
        assertThat(ann.api().get("/api/v1/me/teams").json().getJsonArray("items").stream()
                        .map(v -> v.asJsonObject().getString("name"))
                        .toList())
                .containsExactly("Alpha");
        assertThat(owner.api().get("/api/v1/me/teams").json().getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void permissionsBadInputAndIsolation() {
        Session owner = Fixtures.newUser();
        Session viewer = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org theirs = Fixtures.newOrg(stranger);
        Fixtures.addMember(owner, org, viewer, "viewer");
        String teams = org.path() + "/teams";
        UUID kept = owner.api().post(teams, json("name", "Kept")).id();
        UUID foreign =
                stranger.in(theirs).teams().create(json("name", "Theirs")).id();

        assertThat(viewer.api().get(teams).status()).isEqualTo(200);
        assertProblem(viewer.api().post(teams, json("name", "X")), 403);
        assertProblem(
                viewer.api()
                        .post(
                                teams + "/" + kept + "/members",
                                json("userId", viewer.id().toString())),
                403);

        assertInvalidFields(owner.api().post(teams, json()), "name");
        assertInvalidFields(owner.api().post(teams, json("name", "x".repeat(201))), "name");
        assertInvalidFields(owner.api().post(teams, json("name", "N", "settings", List.of("a"))), "settings");
        assertProblem(owner.api().post(teams, json("name", "kept")), 409);
        assertInvalidFields(owner.api().post(teams + "/" + kept + "/members", json("userId", "x")), "userId");
        assertInvalidFields(
                owner.api()
                        .post(
                                teams + "/" + kept + "/members",
                                json("userId", owner.id().toString(), "role", "boss")),
                "role");
        assertInvalidFields(
                owner.api()
                        .post(
                                teams + "/" + kept + "/members",
                                json("userId", stranger.id().toString())),
                "userId");
        owner.api()
                .post(teams + "/" + kept + "/members", json("userId", owner.id().toString()));
        assertProblem(
                owner.api()
                        .post(
                                teams + "/" + kept + "/members",
                                json("userId", owner.id().toString())),
                409);
        assertInvalidFields(
                owner.api().patch(teams + "/" + kept + "/members/" + owner.id(), json("role", JsonValue.NULL)), "role");

        // another organization's team is a team that does not exist, on every endpoint
        UUID missing = UUID.randomUUID();
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            Api.Reply viaForeign = send(owner, method, teams + "/" + foreign);
            Api.Reply viaMissing = send(owner, method, teams + "/" + missing);
            assertProblem(viaForeign, 404);
            assertThat(viaForeign.body()).isEqualTo(viaMissing.body().replace(missing.toString(), foreign.toString()));
        }
        assertProblem(owner.api().get(teams + "/" + foreign + "/members"), 404);
        assertProblem(
                owner.api()
                        .post(
                                teams + "/" + foreign + "/members",
                                json("userId", owner.id().toString())),
                404);
        assertThat(Pages.names(owner.api().get(teams))).containsExactly("Kept");
        assertThat(stranger.in(theirs).teams().item(foreign).get().json().getString("name"))
                .isEqualTo("Theirs");

        JsonObject after = owner.api().get(teams + "/" + kept).json();
        assertThat(after.getInt("version")).isEqualTo(1);
    }

    @Test
    void teamsAndCustomFieldsFollowTheBulkConvention() {
        Session owner = Fixtures.newUser();
        Session stranger = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org theirs = Fixtures.newOrg(stranger);
        UUID kept = owner.in(org).teams().create(json("name", "Kept")).id();
        UUID doomed = owner.in(org).teams().create(json("name", "Doomed")).id();
        UUID foreign =
                stranger.in(theirs).teams().create(json("name", "Theirs")).id();
        Api.Reply reply = owner.in(org)
                .teams()
                .bulk("{\"operations\":[{\"op\":\"create\",\"body\":{\"name\":\"New\"}},"
                        + "{\"op\":\"create\",\"body\":{\"name\":\"kept\"}},"
                        + "{\"op\":\"update\",\"id\":\"" + kept + "\",\"body\":{\"description\":\"d\"}},"
                        + "{\"op\":\"delete\",\"id\":\"" + doomed + "\"},"
                        + "{\"op\":\"delete\",\"id\":\"" + foreign + "\"}]}");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().getJsonArray("results").stream()
                        .map(r -> r.asJsonObject().getInt("status"))
                        .toList())
                .containsExactly(201, 409, 200, 204, 404);
        assertThat(Pages.names(owner.in(org).teams().list())).containsExactly("Kept", "New");
        assertThat(stranger.in(theirs).teams().item(foreign).get().status()).isEqualTo(200);

        Api.Reply fields = owner.in(org)
                .customFields()
                .bulk(
                        "{\"atomic\":true,\"operations\":["
                                + "{\"op\":\"create\",\"body\":{\"entity\":\"team\",\"key\":\"a\",\"label\":\"A\",\"type\":\"string\"}},"
                                + "{\"op\":\"create\",\"body\":{\"entity\":\"team\",\"key\":\"b\",\"label\":\"B\",\"type\":\"color\"}}]}");
        assertThat(fields.status()).as("%s", fields).isEqualTo(200);
        assertThat(fields.json().getBoolean("committed")).isFalse();
        assertThat(owner.in(org).customFields().list().json().getJsonArray("items"))
                .isEmpty();
    }

    private static Api.Reply send(Session session, String method, String path) {
        return session.api().send(method, path, method.equals("PATCH") ? "{\"name\":\"X\"}" : null, "application/json");
    }
}
