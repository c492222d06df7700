package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A user's own profile, the same in every organization. */
class ProfileIT {

    private static final String PROFILE = "/api/v1/me/profile";

    @Test
    void aProfileStartsEmptyAndKeepsWhatTheUserSets() {
        Session user = Fixtures.newUser();
        JsonObject fresh = user.api().get(PROFILE).json();
        assertThat(fresh.getString("email")).isEqualTo(user.email());
        assertThat(fresh.isNull("phone")).isTrue();
        assertThat(fresh.isNull("language")).isTrue();

        JsonObject changed = user.api()
                .patch(
                        PROFILE,
                        json(
                                "displayName", "  Ada Lovelace ",
                                "phone", "+41 44 668 18 00",
                                "language", "en-gb",
                                "timezone", "Europe/London",
                                "avatarUrl", "https://img.example.com/ada.png"))
                .json();
        assertThat(changed.getString("displayName")).isEqualTo("Ada Lovelace");
        assertThat(changed.getString("phone")).isEqualTo("+41446681800");
        assertThat(changed.getString("language")).isEqualTo("en-GB");
        assertThat(changed.getString("timezone")).isEqualTo("Europe/London");
        assertThat(user.api().get(PROFILE).json()).isEqualTo(changed);
        assertThat(user.api().get("/api/v1/me").json().getString("displayName")).isEqualTo("Ada Lovelace");

        JsonObject cleared = user.api()
                .patch(PROFILE, json("phone", null, "avatarUrl", null))
                .json();
        assertThat(cleared.isNull("phone")).isTrue();
        assertThat(cleared.isNull("avatarUrl")).isTrue();
        assertThat(cleared.getString("language")).isEqualTo("en-GB");
    }

    @Test
    void badProfileValuesAreNamedAndChangeNothing() {
        Session user = Fixtures.newUser();
        user.api().patch(PROFILE, json("phone", "+1 650 253 0000"));
        String before = user.api().get(PROFILE).body();

        assertInvalidFields(
                user.api()
                        .patch(
                                PROFILE,
                                json(
                                        "phone", "044 668 18 00",
                                        "language", "klingon!",
                                        "timezone", "Middle/Earth",
                                        "avatarUrl", "http://img.example.com/a.png",
                                        "displayName", "x".repeat(201))),
                "phone",
                "language",
                "timezone",
                "avatarUrl",
                "displayName");
        assertInvalidFields(user.api().patch(PROFILE, json("phone", "+41 12")), "phone");
        assertInvalidFields(user.api().patch(PROFILE, json("displayName", null)), "displayName");
        assertInvalidFields(user.api().patch(PROFILE, json("email", "new@it.example")), "email");
        assertThat(user.api().get(PROFILE).body()).isEqualTo(before);
    }

    @Test
    void staleProfileChangesAreRefusedAndApiKeysHaveNoProfile() {
        Session user = Fixtures.newUser();
        String etag = user.api().get(PROFILE).header("ETag");
        user.api().patch(PROFILE, json("displayName", "First"));
        assertProblem(user.api().withHeader("If-Match", etag).patch(PROFILE, json("displayName", "Second")), 412);
        assertThat(user.api().get(PROFILE).json().getString("displayName")).isEqualTo("First");

        Org org = Fixtures.newOrg(user);
        String key = user.in(org)
                .apiKeys()
                .create(json("name", "svc", "role", "viewer"))
                .json()
                .getString("key");
        assertProblem(Api.anonymous().withApiKey(key).get(PROFILE), 403);
        assertProblem(Api.anonymous().get(PROFILE), 401);
    }
}
