package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** TOTP enrolment, sign-in with a second factor, code windows and replay, recovery codes, disabling. */
class TwoFactorIT {

    private static final String TOTP = Totp.PATH;

    @Test
    void enrolmentGivesSecretUriAndQrCode() {
        Session user = Fixtures.newUser();
        JsonObject enrolment = user.api().post(TOTP, "").json();
        assertThat(enrolment.getString("secret")).matches("[A-Z2-7]{32}");
        assertThat(enrolment.getString("otpauthUri"))
                .startsWith("otpauth://totp/Orgbase%3A")
                .contains("secret=" + enrolment.getString("secret"))
                .contains("issuer=Orgbase");
        byte[] png = Base64.getDecoder().decode(enrolment.getString("qrCode").replace("data:image/png;base64,", ""));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Api.Reply plainLogin =
                Api.anonymous().post("/api/v1/auth/login", json("email", user.email(), "password", user.password()));
        assertThat(plainLogin.status())
                .as("unconfirmed enrolment does not protect sign-in yet")
                .isEqualTo(200);
        assertThat(user.api().get("/api/v1/me").json().getBoolean("twoFactor"))
                .as("not on until confirmed")
                .isFalse();
    }

    @Test
    void signInNeedsTheCurrentOrPreviousCodeOnce() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        assertThat(enrolled.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
        assertThat(enrolled.user().api().get("/api/v1/me").json().getBoolean("twoFactor"))
                .isTrue();

        String used = Totp.code(enrolled.secret(), Instant.now());
        Api.Reply signedIn = Totp.second(Totp.mfaToken(enrolled.user()), used);
        assertThat(signedIn.status()).as("second step: %s", signedIn).isEqualTo(200);
        assertThat(signedIn.json().getString("refreshToken")).startsWith("obr_");

        assertProblem(Totp.second(Totp.mfaToken(enrolled.user()), used), 401);
        assertProblem(
                Totp.second(
                        Totp.mfaToken(enrolled.user()),
                        Totp.code(enrolled.secret(), Instant.now().minusSeconds(90))),
                401);
        assertProblem(
                Totp.second(
                        Totp.mfaToken(enrolled.user()),
                        Totp.code(enrolled.secret(), Instant.now().plusSeconds(90))),
                401);
    }

    @Test
    void oneCodeRacingTwiceSucceedsOnce() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        String first = Totp.mfaToken(enrolled.user());
        String other = Totp.mfaToken(enrolled.user());
        String code = Totp.code(enrolled.secret(), Instant.now());
        CompletableFuture<Api.Reply> a = CompletableFuture.supplyAsync(() -> Totp.second(first, code));
        CompletableFuture<Api.Reply> b = CompletableFuture.supplyAsync(() -> Totp.second(other, code));
        assertThat(List.of(a.get().status(), b.get().status())).containsExactlyInAnyOrder(200, 401);
    }

    @Test
    void aRecoveryCodeWorksOnceAndAChallengeOnlyOnce() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        String recovery = enrolled.recoveryCodes().get(0);
        String token = Totp.mfaToken(enrolled.user());
        assertThat(Totp.second(token, recovery).status()).isEqualTo(200);
        assertProblem(Totp.second(token, enrolled.recoveryCodes().get(1)), 401);
        assertProblem(Totp.second(Totp.mfaToken(enrolled.user()), recovery), 401);
        assertThat(Totp.second(
                                Totp.mfaToken(enrolled.user()),
                                enrolled.recoveryCodes().get(1).toLowerCase())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void fiveWrongCodesBurnTheChallenge() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        String token = Totp.mfaToken(enrolled.user());
        for (int attempt = 0; attempt < 5; attempt++) {
            assertProblem(
                    Totp.second(
                            token, "000000".equals(Totp.code(enrolled.secret(), Instant.now())) ? "111111" : "000000"),
                    401);
        }
        Api.Reply afterwards = Totp.second(token, Totp.code(enrolled.secret(), Instant.now()));
        assertThat(afterwards.status())
                .as("refused: the challenge is spent, the account throttled")
                .isIn(401, 429);
    }

    @Test
    void disablingNeedsPasswordAndCode() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        Api api = enrolled.user().api();
        assertInvalidFields(
                api.send(
                        "DELETE",
                        TOTP,
                        json(
                                        "password",
                                        "wrong-password-x",
                                        "code",
                                        enrolled.recoveryCodes().get(0))
                                .toString(),
                        "application/json"),
                "password");
        assertInvalidFields(
                api.send(
                        "DELETE",
                        TOTP,
                        json("password", enrolled.user().password(), "code", "123")
                                .toString(),
                        "application/json"),
                "code");
        assertInvalidFields(api.send("DELETE", TOTP, json().toString(), "application/json"), "password", "code");
        assertProblem(api.post(TOTP, ""), 409);

        assertThat(api.send(
                                "DELETE",
                                TOTP,
                                json(
                                                "password",
                                                enrolled.user().password(),
                                                "code",
                                                enrolled.recoveryCodes().get(2))
                                        .toString(),
                                "application/json")
                        .status())
                .isEqualTo(204);
        Api.Reply plain = Api.anonymous()
                .post(
                        "/api/v1/auth/login",
                        json(
                                "email",
                                enrolled.user().email(),
                                "password",
                                enrolled.user().password()));
        assertThat(plain.status()).isEqualTo(200);
        assertProblem(
                api.send(
                        "DELETE",
                        TOTP,
                        json("password", enrolled.user().password(), "code", "123456")
                                .toString(),
                        "application/json"),
                404);
    }

    @Test
    void badSecondStepRequests() throws Exception {
        Session user = Fixtures.newUser();
        assertProblem(user.api().post(TOTP + "/confirm", json("code", "123456")), 409);
        user.api().post(TOTP, "");
        assertInvalidFields(user.api().post(TOTP + "/confirm", json("code", "000000x")), "code");
        assertInvalidFields(user.api().post(TOTP + "/confirm", json()), "code");
        assertInvalidFields(Api.anonymous().post("/api/v1/auth/login/mfa", json("code", "123456")), "mfaToken");
        assertProblem(Totp.second("obm_unknown", "123456"), 401);
    }

    @Test
    void theSecretIsSealedAtRest() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        String stored;
        try (java.sql.Connection db = Orgbase.target().superuser();
                java.sql.PreparedStatement query =
                        db.prepareStatement("select secret from totp_credential where user_id = ?")) {
            query.setObject(1, enrolled.user().id());
            try (java.sql.ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                stored = row.getString(1);
            }
        }
        assertThat(stored).startsWith("sealed1:").doesNotContain(enrolled.secret());
        // and it still works
        assertThat(Totp.second(Totp.mfaToken(enrolled.user()), Totp.code(enrolled.secret(), Instant.now()))
                        .status())
                .isEqualTo(200);
    }
}
