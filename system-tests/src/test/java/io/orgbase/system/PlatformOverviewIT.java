package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/admin/overview: the platform's key figures, for platform administrators alone. Tests
 * share the server, so figures are compared before and after as lower bounds.
 */
class PlatformOverviewIT {

    private static final String OVERVIEW = "/api/v1/admin/overview";

    /** What the endpoint costs of the caller's budget (PlatformOverviewResource.COST). */
    private static final int COST = 20;

    @Test
    void aPlatformAdministratorSeesEveryFigure() {
        Session admin = Fixtures.admin();
        Api.Reply before = admin.api().get("/api/v1/me");
        Api.Reply reply = admin.api().get(OVERVIEW);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonObject figures = reply.json();
        assertThat(figures.keySet())
                .containsExactlyInAnyOrder(
                        "organizations", "users", "memberships", "signIns", "dataJobs", "deadLetters", "generatedAt");
        assertCounts(
                figures.getJsonObject("organizations"),
                "total",
                "active",
                "suspended",
                "archived",
                "createdLast30Days");
        assertCounts(
                figures.getJsonObject("users"),
                "total",
                "emailVerified",
                "twoFactor",
                "platformAdmins",
                "createdLast30Days");
        assertCounts(figures.getJsonObject("memberships"), "active");
        assertCounts(figures.getJsonObject("signIns"), "last24Hours", "failedLast24Hours");
        assertCounts(figures.getJsonObject("dataJobs"), "queued", "running", "failedLast24Hours");
        assertThat(figures.getJsonNumber("deadLetters").longValueExact()).isNotNegative();
        OffsetDateTime generated = OffsetDateTime.parse(figures.getString("generatedAt"));
        assertThat(Duration.between(generated, OffsetDateTime.now()).abs()).isLessThan(Duration.ofMinutes(2));

        JsonObject orgs = figures.getJsonObject("organizations");
        assertThat(number(orgs, "total"))
                .as("every organization is active, suspended or archived")
                .isEqualTo(number(orgs, "active") + number(orgs, "suspended") + number(orgs, "archived"));
        JsonObject users = figures.getJsonObject("users");
        assertThat(number(users, "platformAdmins")).as("the one asking").isPositive();
        assertThat(number(users, "total"))
                .isGreaterThanOrEqualTo(number(users, "emailVerified"))
                .isGreaterThanOrEqualTo(number(users, "twoFactor"))
                .isGreaterThanOrEqualTo(number(users, "createdLast30Days"));
        assertThat(number(figures.getJsonObject("signIns"), "last24Hours"))
                .as("the administrator just signed in")
                .isPositive();

        // charged as an expensive read (a new minute's window may have begun in between)
        int remaining = Integer.parseInt(reply.header("RateLimit-Remaining"));
        int limit = Integer.parseInt(reply.header("RateLimit-Limit"));
        assertThat(remaining).isIn(Integer.parseInt(before.header("RateLimit-Remaining")) - COST, limit - COST);

        assertThat(Api.anonymous().get("/openapi").body())
                .as("documented")
                .contains("\n  " + OVERVIEW + ":\n")
                .contains("PlatformOverview");
    }

    @Test
    void figuresFollowNewOrganizationsUsersAndSignIns() {
        JsonObject before = overview();

        Session user = Fixtures.newUser(); // created by the administrator (verified), then signed in
        Org org = Fixtures.newOrg(user); // active, with its owner's membership
        Api.Reply refused = Api.anonymous()
                .from(Fixtures.address())
                .post("/api/v1/auth/login", json("email", user.email(), "password", "not-" + user.password()));
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(user.api().get(org.path()).status()).isEqualTo(200);

        JsonObject after = overview();
        assertGrew(before, after, "organizations", "total", 1);
        assertGrew(before, after, "organizations", "active", 1);
        assertGrew(before, after, "organizations", "createdLast30Days", 1);
        assertGrew(before, after, "users", "total", 1);
        assertGrew(before, after, "users", "emailVerified", 1);
        assertGrew(before, after, "users", "createdLast30Days", 1);
        assertGrew(before, after, "memberships", "active", 1);
        // the administrator's and the new user's sign-ins
        assertGrew(before, after, "signIns", "last24Hours", 2);
        assertGrew(before, after, "signIns", "failedLast24Hours", 1);
    }

    @Test
    void onlyPlatformAdministratorsNeitherMembersOwnersNorApiKeys() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session member = Fixtures.newUser();
        Fixtures.addMember(owner, org, member, "member");
        Api.Reply key = owner.in(org).apiKeys().create(json("name", "overview-" + Secrets.suffix(), "role", "admin"));
        assertThat(key.status()).as("%s", key).isEqualTo(201);
        Api service = Api.anonymous().withApiKey(key.json().getString("key"));

        assertThat(assertProblem(owner.api().get(OVERVIEW), 403).getString("detail"))
                .contains("Only platform administrators");
        assertProblem(member.api().get(OVERVIEW), 403);
        assertThat(assertProblem(Fixtures.newUser().api().get(OVERVIEW), 403).getString("detail"))
                .contains("Only platform administrators");
        // as on every /admin path: a key acts only inside its organization
        assertThat(assertProblem(service.get(OVERVIEW), 403).getString("detail"))
                .contains("API keys");
        assertProblem(Api.anonymous().from(Fixtures.address()).get(OVERVIEW), 401);
    }

    private static JsonObject overview() {
        Api.Reply reply = Fixtures.admin().api().get(OVERVIEW);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    private static void assertCounts(JsonObject group, String... names) {
        assertThat(group.keySet()).containsExactlyInAnyOrder(names);
        for (String name : names) {
            assertThat(number(group, name)).as(name).isNotNegative();
        }
    }

    private static void assertGrew(JsonObject before, JsonObject after, String group, String name, long by) {
        assertThat(number(after.getJsonObject(group), name))
                .as("%s.%s", group, name)
                .isGreaterThanOrEqualTo(number(before.getJsonObject(group), name) + by);
    }

    private static long number(JsonObject group, String name) {
        return group.getJsonNumber(name).longValueExact();
    }
}
