package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An organization's settings: defaults, validated changes, who may change what. */
class SettingsIT {

    @Test
    void everySettingHasADefault() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply reply = owner.in(org).settings().get();
        JsonObject settings = reply.json();
        assertThat(settings.getJsonObject("general").getString("weekStart")).isEqualTo("monday");
        assertThat(settings.getJsonObject("general").isNull("website")).isTrue();
        assertThat(settings.getJsonObject("branding").isNull("logoUrl")).isTrue();
        assertThat(settings.getJsonObject("domains").getJsonArray("names")).isEmpty();
        assertThat(settings.getJsonObject("notifications").getBoolean("email")).isTrue();
        assertThat(settings.getJsonObject("notifications").getString("digest")).isEqualTo("weekly");
        assertThat(settings.getJsonObject("subscription").getString("plan")).isEqualTo("free");
        assertThat(reply.header("ETag")).isEqualTo("\"0\"");
    }

    @Test
    void changesAreValidatedStoredAndResetByNull() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String path = org.path() + "/settings";

        JsonObject changed = owner.api()
                .patch(
                        path,
                        json(
                                "branding",
                                        json("primaryColour", "#1A2B3C", "logoUrl", "https://cdn.example.com/logo.svg"),
                                "domains", json("names", List.of("Acme.com", "acme.ch", "acme.com")),
                                "notifications", json("digest", "daily", "email", false)))
                .json();
        assertThat(changed.getJsonObject("branding").getString("primaryColour")).isEqualTo("#1a2b3c");
        assertThat(changed.getJsonObject("domains")
                        .getJsonArray("names")
                        .getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("acme.com", "acme.ch");
        assertThat(changed.getJsonObject("notifications").getBoolean("email")).isFalse();
        assertThat(changed.getJsonObject("general").getString("weekStart")).isEqualTo("monday");

        JsonObject reset = owner.api()
                .patch(path, json("branding", json("primaryColour", null), "general", json("weekStart", "sunday")))
                .json();
        assertThat(reset.getJsonObject("branding").isNull("primaryColour")).isTrue();
        assertThat(reset.getJsonObject("branding").getString("logoUrl")).isEqualTo("https://cdn.example.com/logo.svg");
        assertThat(reset.getJsonObject("general").getString("weekStart")).isEqualTo("sunday");
        assertThat(owner.api().get(path).body()).isEqualTo(owner.api().get(path).body());
        assertThat(owner.api().get(path).json()).isEqualTo(reset);
    }

    @Test
    void badSettingsAreNamedAndChangeNothing() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String path = org.path() + "/settings";
        owner.api().patch(path, json("general", json("description", "Before")));
        String before = owner.api().get(path).body();

        assertInvalidFields(
                owner.api()
                        .patch(
                                path,
                                json(
                                        "colours", json("x", 1),
                                        "branding",
                                                json(
                                                        "font",
                                                        "Comic",
                                                        "logoUrl",
                                                        "http://insecure.example/logo.png",
                                                        "primaryColour",
                                                        "red"),
                                        "domains", json("names", List.of("not a domain")),
                                        "notifications", json("email", "yes", "digest", "hourly"),
                                        "general",
                                                json(
                                                        "website",
                                                        "javascript:alert(1)",
                                                        "description",
                                                        "x".repeat(1001)))),
                "colours",
                "branding.font",
                "branding.logoUrl",
                "branding.primaryColour",
                "domains.names",
                "notifications.email",
                "notifications.digest",
                "general.website",
                "general.description");
        assertInvalidFields(owner.api().patch(path, json("general", "x")), "general");
        assertInvalidFields(
                owner.api().patch(path, json("domains", json("names", java.util.Collections.nCopies(21, "a.example")))),
                "domains.names");
        assertProblem(owner.api().send("PATCH", path, "[1]", "application/json"), 400);

        assertThat(owner.api().get(path).body()).isEqualTo(before);
    }

    @Test
    void theSubscriptionIsThePlatformsAndMembersOnlyRead() {
        Session owner = Fixtures.newUser();
        Session member = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Fixtures.addMember(owner, org, member, "member");
        String path = org.path() + "/settings";

        assertProblem(owner.api().patch(path, json("subscription", json("plan", "enterprise"))), 403);
        JsonObject upgraded = Fixtures.admin()
                .api()
                .patch(path, json("subscription", json("plan", "business", "seats", 25, "renewsOn", "2027-01-31")))
                .json();
        assertThat(upgraded.getJsonObject("subscription").getString("plan")).isEqualTo("business");
        assertThat(upgraded.getJsonObject("subscription").getInt("seats")).isEqualTo(25);
        assertInvalidFields(
                Fixtures.admin().api().patch(path, json("subscription", json("seats", 0, "renewsOn", "soon"))),
                "subscription.seats",
                "subscription.renewsOn");

        assertThat(member.api().get(path).status()).isEqualTo(200);
        assertProblem(member.api().patch(path, json("general", json("description", "Mine"))), 403);
    }

    @Test
    void staleChangesAreRefusedAndChangesAreAudited() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String path = org.path() + "/settings";
        String first = owner.api()
                .patch(path, json("general", json("description", "One")))
                .header("ETag");
        owner.api().patch(path, json("general", json("description", "Two")));

        Api.Reply stale =
                owner.api().withHeader("If-Match", first).patch(path, json("general", json("description", "Three")));
        assertProblem(stale, 412);
        assertThat(owner.api().get(path).json().getJsonObject("general").getString("description"))
                .isEqualTo("Two");

        String trail = owner.in(org).auditEvents().list("limit=200").body();
        assertThat(trail).contains("\\\"description\\\":\\\"One\\\"").contains("\\\"description\\\":\\\"Two\\\"");
    }

    @Test
    void anotherOrganizationsSettingsAreUnknown() {
        Session alice = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(bob);
        assertProblem(alice.in(theirs).settings().get(), 404);
        assertProblem(alice.in(theirs).settings().patch(json("general", json("description", "x"))), 404);
        assertThat(bob.in(theirs)
                        .settings()
                        .get()
                        .json()
                        .getJsonObject("general")
                        .isNull("description"))
                .isTrue();
    }
}
