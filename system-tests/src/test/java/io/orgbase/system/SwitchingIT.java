package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** Organization switching: a default organization, and "current" chosen by subdomain or default. */
class SwitchingIT {

    private static final String CURRENT = "/api/v1/orgs/current";

    @Test
    void currentIsTheDefaultOrganization() {
        Session user = Fixtures.newUser();
        Org first = Fixtures.newOrg(user);
        Org second = Fixtures.newOrg(user);
        assertProblem(user.api().get(CURRENT), 404);

        JsonObject me = user.api()
                .send(
                        "PUT",
                        "/api/v1/me/default-org",
                        json("org", second.slug()).toString(),
                        "application/json")
                .json();
        assertThat(me.getJsonObject("defaultOrg").getString("slug")).isEqualTo(second.slug());
        assertThat(user.api().get(CURRENT).json().getString("slug")).isEqualTo(second.slug());
        assertThat(user.api().get(CURRENT + "/departments").status()).isEqualTo(200);

        Api.Reply byId = user.api()
                .send(
                        "PUT",
                        "/api/v1/me/default-org",
                        json("org", first.id().toString()).toString(),
                        "application/json");
        assertThat(byId.json().getJsonObject("defaultOrg").getString("slug")).isEqualTo(first.slug());
        Api.Reply cleared = user.api()
                .send(
                        "PUT",
                        "/api/v1/me/default-org",
                        json("org", JsonValue.NULL).toString(),
                        "application/json");
        assertThat(cleared.json().isNull("defaultOrg")).isTrue();
        assertProblem(user.api().get(CURRENT), 404);
    }

    @Test
    void aSubdomainSelectsTheOrganization() {
        Session user = Fixtures.newUser();
        Org first = Fixtures.newOrg(user);
        Org second = Fixtures.newOrg(user);
        user.api()
                .send(
                        "PUT",
                        "/api/v1/me/default-org",
                        json("org", second.slug()).toString(),
                        "application/json");

        Api viaFirst = user.api().viaHost(first.slug() + "." + Orgbase.BASE_DOMAIN);
        assertThat(viaFirst.get(CURRENT).json().getString("slug")).isEqualTo(first.slug());
        assertThat(viaFirst.get(second.path()).json().getString("slug"))
                .as("an explicit slug still wins over the host")
                .isEqualTo(second.slug());

        Org foreign = Fixtures.newOrg(Fixtures.newUser());
        assertProblem(
                user.api().viaHost(foreign.slug() + "." + Orgbase.BASE_DOMAIN).get(CURRENT), 404);
        assertProblem(
                user.api()
                        .viaHost("no-such-org-" + Secrets.suffix() + "." + Orgbase.BASE_DOMAIN)
                        .get(CURRENT),
                404);
    }

    @Test
    void theDefaultMustBeAnOrganizationOfTheCaller() {
        Session user = Fixtures.newUser();
        Org foreign = Fixtures.newOrg(Fixtures.newUser());
        assertProblem(
                user.api()
                        .send(
                                "PUT",
                                "/api/v1/me/default-org",
                                json("org", foreign.slug()).toString(),
                                "application/json"),
                404);
        assertInvalidFields(
                user.api().send("PUT", "/api/v1/me/default-org", json().toString(), "application/json"), "org");
        assertInvalidFields(
                user.api().send("PUT", "/api/v1/me/default-org", json("org", 5).toString(), "application/json"), "org");
        assertThat(user.api().get("/api/v1/me").json().isNull("defaultOrg")).isTrue();
    }
}
