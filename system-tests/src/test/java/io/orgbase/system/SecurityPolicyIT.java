package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An organization's security policy: two-factor sign-in for members, and how long a session lasts. */
class SecurityPolicyIT {

    @Test
    void membersWithoutASecondFactorAreAskedToStepUp() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        JsonObject tokens = Totp.second(Totp.mfaToken(enrolled.user()), Totp.code(enrolled.secret(), Instant.now()))
                .json();
        Api owner = Api.anonymous().withToken(tokens.getString("accessToken"));
        assertThat(Tokens.payload(tokens.getString("accessToken"))
                        .getJsonArray("amr")
                        .toString())
                .contains("mfa");
        String slug = Fixtures.slug();
        assertThat(owner.post("/api/v1/orgs", json("slug", slug, "name", "Strict"))
                        .status())
                .isEqualTo(201);
        Org org = new Org(null, slug);

        Session member = Fixtures.newUser();
        Session admin = Fixtures.newUser();
        assertThat(owner.post(org.path() + "/members", json("email", member.email(), "role", "member"))
                        .status())
                .isEqualTo(201);
        assertThat(owner.post(org.path() + "/members", json("email", admin.email(), "role", "admin"))
                        .status())
                .isEqualTo(201);

        // only owners set it, and not from a session that it would lock out
        assertProblem(admin.in(org).settings().patch(json("security", json("requireTwoFactor", true))), 403);
        JsonObject settings = owner.patch(org.path() + "/settings", json("security", json("requireTwoFactor", true)))
                .json();
        assertThat(settings.getJsonObject("security").getBoolean("requireTwoFactor"))
                .isTrue();
        assertThat(owner.get(org.path()).status()).isEqualTo(200);

        Api.Reply refused = member.in(org).departments().list();
        JsonObject problem = assertProblem(refused, 401);
        assertThat(problem.getString("type")).endsWith("/two-factor-required");
        assertThat(refused.header("WWW-Authenticate"))
                .contains("error=\"insufficient_user_authentication\"")
                .contains("acr_values=\"mfa\"");
        // a refresh keeps the sign-in it began with, so it does not get around the policy
        JsonObject login = Api.anonymous()
                .post("/api/v1/auth/login", json("email", member.email(), "password", member.password()))
                .json();
        JsonObject refreshed = Api.anonymous()
                .post("/api/v1/auth/refresh", json("refreshToken", login.getString("refreshToken")))
                .json();
        assertThat(Tokens.payload(refreshed.getString("accessToken")).getJsonNumber("auth_time"))
                .isEqualTo(Tokens.payload(login.getString("accessToken")).getJsonNumber("auth_time"));
        assertProblem(
                Api.anonymous().withToken(refreshed.getString("accessToken")).get(org.path()), 401);
        // outside the organization the member goes on (to set up a second factor, for one)
        assertThat(member.api().get("/api/v1/me").status()).isEqualTo(200);

        // an owner without a second factor of their own cannot switch it on elsewhere either
        Session plain = Fixtures.newUser();
        Org other = Fixtures.newOrg(plain);
        assertProblem(plain.in(other).settings().patch(json("security", json("requireTwoFactor", true))), 409);

        assertThat(owner.patch(org.path() + "/settings", json("security", json("requireTwoFactor", JsonValue.NULL)))
                        .status())
                .isEqualTo(200);
        assertThat(member.in(org).departments().list().status()).isEqualTo(200);
    }

    @Test
    void sessionLengthsAreCheckedAndStored() {
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        assertInvalidFields(
                owner.in(org).settings().patch(json("security", json("maxSessionHours", 0))),
                "security.maxSessionHours");
        assertInvalidFields(
                owner.in(org).settings().patch(json("security", json("maxSessionHours", 8761))),
                "security.maxSessionHours");
        assertInvalidFields(
                owner.in(org).settings().patch(json("security", json("requireTwoFactor", "yes"))),
                "security.requireTwoFactor");
        JsonObject eight = owner.in(org)
                .settings()
                .patch(json("security", json("maxSessionHours", 8)))
                .json();
        assertThat(eight.getJsonObject("security").getInt("maxSessionHours")).isEqualTo(8);
        // a session that signed in just now is well inside eight hours
        assertThat(owner.in(org).departments().list().status()).isEqualTo(200);
        assertThat(owner.in(org)
                        .settings()
                        .patch(json("security", json("maxSessionHours", JsonValue.NULL)))
                        .json()
                        .getJsonObject("security")
                        .isNull("maxSessionHours"))
                .isTrue();
    }

    /** The payload of a JWT (already verified by the server that issued it). */
}
