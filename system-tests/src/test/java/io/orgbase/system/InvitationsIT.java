package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Invitations: single-use, revocable, listed, isolated; accepting creates the account if needed. */
class InvitationsIT {

    private static JsonObject invite(Session inviter, Org org, String email, String role) {
        Api.Reply created = inviter.in(org).invitations().create(json("email", email, "role", role));
        assertThat(created.status()).as("invite: %s", created).isEqualTo(201);
        return created.json();
    }

    private static Api.Reply accept(String token, JsonObject body) {
        return Api.anonymous().post("/api/v1/invitations/" + token + "/accept", body);
    }

    @Test
    void aNewPersonAcceptsAndGetsAnAccount() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String email = "Invited-" + Secrets.suffix() + "@IT.example";
        JsonObject invited = invite(owner, org, email, "admin");
        String token = invited.getString("token");
        assertThat(invited.getString("acceptUrl")).endsWith("/api/v1/invitations/" + token + "/accept");
        assertThat(invited.getJsonObject("invitation").getString("status")).isEqualTo("pending");

        assertInvalidFields(accept(token, json()), "password", "displayName");
        String password = Secrets.password();
        Api.Reply accepted = accept(token, json("password", password, "displayName", "Invited Person"));
        assertThat(accepted.status()).as("accept: %s", accepted).isEqualTo(200);
        assertThat(accepted.json().getBoolean("accountCreated")).isTrue();
        assertThat(accepted.json().getString("role")).isEqualTo("admin");

        Session invitedUser = Fixtures.login(email.toLowerCase(), password);
        assertThat(invitedUser.api().get(org.path()).json().getString("role")).isEqualTo("admin");
        assertProblem(accept(token, json("password", password, "displayName", "Again")), 404);
        JsonObject listed =
                owner.in(org).invitations().list().json().getJsonArray("items").getJsonObject(0);
        assertThat(listed.getString("status")).isEqualTo("accepted");
        assertThat(listed.containsKey("token")).isFalse();
    }

    @Test
    void anExistingUserJoinsWithoutABody() {
        Session owner = Fixtures.newUser();
        Session existing = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String token = invite(owner, org, existing.email(), "member").getString("token");

        Api.Reply accepted = Api.anonymous().send("POST", "/api/v1/invitations/" + token + "/accept", null, null);
        assertThat(accepted.status()).as("accept: %s", accepted).isEqualTo(200);
        assertThat(accepted.json().getBoolean("accountCreated")).isFalse();
        assertThat(existing.api().get(org.path()).json().getString("role")).isEqualTo("member");
        assertProblem(owner.in(org).invitations().create(json("email", existing.email(), "role", "admin")), 409);
    }

    @Test
    void revokedAndUnknownTokensLeadNowhere() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        JsonObject invited = invite(owner, org, "revoked-" + Secrets.suffix() + "@it.example", "member");
        String id = invited.getJsonObject("invitation").getString("id");
        assertThat(owner.in(org).invitations().item(id).delete().status()).isEqualTo(204);

        assertProblem(
                accept(invited.getString("token"), json("password", Secrets.password(), "displayName", "X")), 404);
        assertProblem(accept("obi_unknown", json("password", Secrets.password(), "displayName", "X")), 404);
        JsonObject listed =
                owner.in(org).invitations().list().json().getJsonArray("items").getJsonObject(0);
        assertThat(listed.getString("status")).isEqualTo("revoked");
    }

    @Test
    void invitationsAreManagedOnlyInsideTheirOrganizationByManagers() {
        Session owner = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, admin, "admin");
        Fixtures.addMember(owner, org, member, "member");
        String id = invite(owner, org, "someone-" + Secrets.suffix() + "@it.example", "viewer")
                .getJsonObject("invitation")
                .getString("id");

        assertProblem(
                admin.in(org)
                        .invitations()
                        .create(json("email", "o-" + Secrets.suffix() + "@it.example", "role", "owner")),
                403);
        assertProblem(
                member.in(org)
                        .invitations()
                        .create(json("email", "m-" + Secrets.suffix() + "@it.example", "role", "member")),
                403);
        assertThat(member.in(org).invitations().list().status()).isEqualTo(200);

        Session stranger = Fixtures.newUser();
        Org strangers = Fixtures.newOrg(stranger);
        assertProblem(stranger.in(org).invitations().list(), 404);
        assertProblem(stranger.in(strangers).invitations().item(id).delete(), 404);
        assertThat(Pages.slugs(stranger.api().get("/api/v1/orgs"))).containsExactly(strangers.slug());
        assertThat(stranger.in(strangers).invitations().list().json().getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void badInvitationRequests() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String email = "twice-" + Secrets.suffix() + "@it.example";
        invite(owner, org, email, "member");
        assertProblem(owner.in(org).invitations().create(json("email", email, "role", "member")), 409);
        assertInvalidFields(
                owner.in(org).invitations().create(json("email", "x@y.example", "role", "emperor")), "role");
        assertInvalidFields(owner.in(org).invitations().create(json()), "email", "role");
        assertProblem(owner.in(org).invitations().item(UUID.randomUUID()).delete(), 404);
        String token = invite(owner, org, "weak-" + Secrets.suffix() + "@it.example", "member")
                .getString("token");
        assertInvalidFields(accept(token, json("password", "short", "displayName", "X")), "password");
        assertInvalidFields(
                accept(token, json("password", 5, "displayName", "X", "role", "owner")), "password", "role");
        assertThat(accept(token, json("password", Secrets.password(), "displayName", "Finally"))
                        .status())
                .as("failed attempts leave the invitation usable")
                .isEqualTo(200);
    }
}
