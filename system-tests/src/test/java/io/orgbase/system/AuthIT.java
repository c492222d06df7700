package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthIT {

    private static final String LOGIN = "/api/v1/auth/login";

    @Test
    void loginReturnsAnRs256BearerTokenThatOpensMe() {
        Session user = Fixtures.newUser();
        Api.Reply reply = Api.anonymous().post(LOGIN, json("email", user.email(), "password", user.password()));

        assertThat(reply.status()).isEqualTo(200);
        JsonObject token = reply.json();
        assertThat(token.getString("tokenType")).isEqualTo("Bearer");
        assertThat(token.getInt("expiresIn")).isEqualTo(900);
        String header = new String(
                Base64.getUrlDecoder().decode(token.getString("accessToken").split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\"");

        JsonObject me = Api.anonymous()
                .withToken(token.getString("accessToken"))
                .get("/api/v1/me")
                .json();
        assertThat(me.getString("email")).isEqualTo(user.email());
        assertThat(me.getBoolean("platformAdmin")).isFalse();
        assertThat(me.getJsonArray("memberships")).isEmpty();
    }

    @Test
    void emailIsCaseInsensitive() {
        Session user = Fixtures.newUser();
        Api.Reply reply =
                Api.anonymous().post(LOGIN, json("email", user.email().toUpperCase(), "password", user.password()));
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        Session user = Fixtures.newUser();
        Api.Reply wrongPassword =
                Api.anonymous().post(LOGIN, json("email", user.email(), "password", user.password() + "x"));
        Api.Reply unknownEmail =
                Api.anonymous().post(LOGIN, json("email", "nobody-" + user.email(), "password", user.password()));

        assertProblem(wrongPassword, 401);
        assertProblem(unknownEmail, 401);
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
    }

    @Test
    void malformedLoginsAreBadRequests() {
        assertInvalidFields(Api.anonymous().post(LOGIN, json("email", "a@b.example")), "password");
        assertInvalidFields(Api.anonymous().post(LOGIN, json("email", 5, "password", true)), "email", "password");
        assertInvalidFields(
                Api.anonymous().post(LOGIN, json("email", "a@b.example", "password", "x", "admin", true)), "admin");
        assertProblem(Api.anonymous().post(LOGIN, "{\"email\":"), 400);
        assertProblem(Api.anonymous().post(LOGIN, "[1,2]"), 400);
        assertProblem(Api.anonymous().post(LOGIN, ""), 400);
        assertProblem(Api.anonymous().send("POST", LOGIN, "email=a", "application/x-www-form-urlencoded"), 415);
    }

    @Test
    void everyEndpointButLoginNeedsAToken() {
        for (String path : new String[] {"/api/v1/me", "/api/v1/orgs", "/api/v1/orgs/any/departments"}) {
            Api.Reply reply = Api.anonymous().get(path);
            assertProblem(reply, 401);
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertProblem(Api.anonymous().post("/api/v1/admin/users", json("email", "x@y.example")), 401);
    }

    @Test
    void forgedOrGarbageTokensAreRefused() {
        Session user = Fixtures.newUser();
        String token = tokenOf(user);
        String[] parts = token.split("\\.");
        String unsigned = parts[0] + "." + parts[1] + ".";
        String noneAlg = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        for (String bad : new String[] {"garbage", unsigned, noneAlg, tampered}) {
            assertProblem(Api.anonymous().withToken(bad).get("/api/v1/me"), 401);
        }
    }

    private static String tokenOf(Session user) {
        return Api.anonymous()
                .post(LOGIN, json("email", user.email(), "password", user.password()))
                .json()
                .getString("accessToken");
    }
}
