package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Suspension and an organization's sign-in policy hold on every path: the lists that show a user
 * their organizations and teams across tenants follow the same rule as resolving one organization.
 */
class StandingIT {

    private static List<String> slugs(Api.Reply page) {
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return page.json().getJsonArray("items").stream()
                .map(o -> o.asJsonObject().getString("slug"))
                .toList();
    }

    private static List<String> teamNames(Api.Reply mine) {
        assertThat(mine.status()).as("%s", mine).isEqualTo(200);
        return mine.json().getJsonArray("items").stream()
                .map(t -> t.asJsonObject().getString("name"))
                .toList();
    }

    private static void joinTeam(Api owner, Org org, Session member, String name) {
        String team = owner.post(org.path() + "/teams", json("name", name)).id().toString();
        Api.Reply joined = owner.post(
                org.path() + "/teams/" + team + "/members",
                json("userId", member.id().toString(), "role", "member"));
        assertThat(joined.status()).as("%s", joined).isEqualTo(201);
    }

    @Test
    void aSuspendedMembershipShowsNothingOfItsOrganization() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        joinTeam(owner.api(), org, member, "Suspended team");
        assertThat(slugs(member.api().get("/api/v1/orgs"))).contains(org.slug());

        assertThat(owner.in(org)
                        .members()
                        .item(member.id())
                        .update(json("active", false))
                        .status())
                .isEqualTo(200);
        assertProblem(member.api().get(org.path()), 403);
        assertThat(slugs(member.api().get("/api/v1/orgs?id=" + org.id()))).isEmpty();
        assertThat(slugs(member.api().get("/api/v1/orgs"))).doesNotContain(org.slug());
        assertThat(teamNames(member.api().get("/api/v1/me/teams"))).doesNotContain("Suspended team");
    }

    @Test
    void anOrganizationRequiringTwoFactorSignInIsNotListedToAPasswordSession() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        JsonObject tokens = Totp.second(Totp.mfaToken(enrolled.user()), Totp.code(enrolled.secret(), Instant.now()))
                .json();
        Api owner = Api.anonymous().withToken(tokens.getString("accessToken"));
        String slug = Fixtures.slug();
        Api.Reply created = owner.post("/api/v1/orgs", json("slug", slug, "name", "Strict"));
        assertThat(created.status()).isEqualTo(201);
        Org org = new Org(created.id(), slug);
        Session member = Fixtures.newUser();
        assertThat(owner.post(org.path() + "/members", json("email", member.email(), "role", "member"))
                        .status())
                .isEqualTo(201);
        joinTeam(owner, org, member, "Strict team");
        assertThat(slugs(member.api().get("/api/v1/orgs"))).contains(slug);

        assertThat(owner.patch(org.path() + "/settings", json("security", json("requireTwoFactor", true)))
                        .status())
                .isEqualTo(200);
        assertProblem(member.api().get(org.path()), 401);
        assertThat(slugs(member.api().get("/api/v1/orgs?id=" + org.id()))).isEmpty();
        assertThat(teamNames(member.api().get("/api/v1/me/teams"))).doesNotContain("Strict team");
        // the owner, signed in with a second factor, still sees it
        assertThat(slugs(owner.get("/api/v1/orgs?id=" + org.id()))).containsExactly(slug);
    }
}
