package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feature flags: platform defaults, organization overrides, and boundaries that require a feature. */
class FeaturesIT {

    @Test
    void aFeatureSwitchedOffForAnOrganizationIsRefusedThereOnly() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Org other = Fixtures.newOrg(owner);
        Session platform = Fixtures.admin();
        String features = org.path() + "/features";

        JsonObject before = feature(owner.api().get(features), "custom-roles");
        assertThat(before.getBoolean("enabled")).isTrue();
        assertThat(before.getBoolean("overridden")).isFalse();

        assertProblem(owner.api().put(features + "/custom-roles", json("enabled", false)), 403);
        JsonObject off = platform.api()
                .put(features + "/custom-roles", json("enabled", false))
                .json();
        assertThat(off.getBoolean("enabled")).isFalse();
        assertThat(off.getBoolean("overridden")).isTrue();

        JsonObject refused = assertProblem(
                owner.in(org).roles().create(json("key", "auditor", "name", "Auditor", "permissions", List.of())), 403);
        assertThat(refused.getString("type")).endsWith("/feature-disabled");
        assertThat(refused.getString("detail")).contains("custom-roles");
        assertThat(owner.in(org).roles().list().status()).isEqualTo(200);
        assertThat(owner.in(other)
                        .roles()
                        .create(json("key", "auditor", "name", "Auditor", "permissions", List.of()))
                        .status())
                .isEqualTo(201);

        JsonObject back = platform.api()
                .put(features + "/custom-roles", json("enabled", JsonValue.NULL))
                .json();
        assertThat(back.getBoolean("enabled")).isTrue();
        assertThat(back.getBoolean("overridden")).isFalse();
        assertThat(owner.in(org)
                        .roles()
                        .create(json("key", "auditor", "name", "Auditor", "permissions", List.of()))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void platformDefaultsApplyWhereNoOrganizationChoseOtherwise() {
        Session owner = Fixtures.newUser();
        Org plain = Fixtures.newOrg(owner);
        Org chosen = Fixtures.newOrg(owner);
        Session platform = Fixtures.admin();
        platform.api().put(chosen.path() + "/features/invitations", json("enabled", true));

        assertProblem(owner.api().patch("/api/v1/features/invitations", json("enabledByDefault", false)), 403);
        assertThat(platform.api()
                        .patch("/api/v1/features/invitations", json("enabledByDefault", false))
                        .json()
                        .getBoolean("enabledByDefault"))
                .isFalse();
        try {
            assertThat(assertProblem(
                                    owner.in(plain)
                                            .invitations()
                                            .create(json("email", "x@it.example", "role", "member")),
                                    403)
                            .getString("type"))
                    .endsWith("/feature-disabled");
            assertThat(owner.in(chosen)
                            .invitations()
                            .create(json("email", "y@it.example", "role", "member"))
                            .status())
                    .isEqualTo(201);
        } finally {
            platform.api().patch("/api/v1/features/invitations", json("enabledByDefault", true));
        }
        assertThat(owner.in(plain)
                        .invitations()
                        .create(json("email", "x@it.example", "role", "member"))
                        .status())
                .isEqualTo(201);
        assertThat(owner.api().get("/api/v1/features").json().getJsonArray("items").stream()
                        .map(f -> f.asJsonObject().getString("key")))
                .contains("api-keys", "custom-roles", "invitations");
    }

    @Test
    void badOverridesAreRefused() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Session platform = Fixtures.admin();
        assertProblem(platform.api().put(org.path() + "/features/teleportation", json("enabled", true)), 404);
        assertInvalidFields(platform.api().put(org.path() + "/features/api-keys", json("enabled", "yes")), "enabled");
        assertInvalidFields(platform.api().put(org.path() + "/features/api-keys", json()), "enabled");
        assertInvalidFields(
                platform.api().patch("/api/v1/features/api-keys", json("enabledByDefault", 1)), "enabledByDefault");
        assertProblem(platform.api().patch("/api/v1/features/teleportation", json("enabledByDefault", true)), 404);
        assertThat(feature(owner.in(org).features().list(), "api-keys").getBoolean("overridden"))
                .isFalse();
    }

    @Test
    void anotherOrganizationsFeaturesAreUnknown() {
        Session alice = Fixtures.newUser();
        Session bob = Fixtures.newUser();
        Org theirs = Fixtures.newOrg(bob);
        String none =
                alice.api().get("/api/v1/orgs/" + Fixtures.slug() + "/features").body();
        Api.Reply foreign = alice.in(theirs).features().list();
        assertProblem(foreign, 404);
        assertThat(foreign.body()).isEqualTo(none);
    }

    private static JsonObject feature(Api.Reply list, String key) {
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        return list.json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(f -> f.getString("key").equals(key))
                .findFirst()
                .orElseThrow();
    }
}
