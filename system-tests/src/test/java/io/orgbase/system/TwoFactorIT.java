package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/** TOTP enrolment, sign-in with a second factor, code windows and replay, recovery codes, disabling. */
class TwoFactorIT {

    private static final String TOTP = "/api/v1/me/2fa/totp";
    private static final TimeBasedOneTimePasswordGenerator GENERATOR =
            new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

    static String code(String secret, Instant at) throws Exception {
        return GENERATOR.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), at);
    }

    /** A user with 2FA on; returns the secret and the recovery codes. */
    record Enrolled(Session user, String secret, List<String> recoveryCodes) {}

    static Enrolled enrolled() throws Exception {
        Session user = Fixtures.newUser();
        JsonObject enrolment = user.api().post(TOTP, "").json();
        String secret = enrolment.getString("secret");
        Api.Reply confirmed = user.api()
                .post(TOTP + "/confirm", json("code", code(secret, Instant.now().minusSeconds(30))));
        assertThat(confirmed.status()).as("confirm: %s", confirmed).isEqualTo(200);
        List<String> codes = confirmed.json().getJsonArray("recoveryCodes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
        return new Enrolled(user, secret, codes);
    }

    static String mfaToken(Session user) {
        Api.Reply first =
                Api.anonymous().post("/api/v1/auth/login", json("email", user.email(), "password", user.password()));
        JsonObject problem = assertProblem(first, 401);
        assertThat(problem.getString("type")).endsWith("/mfa_required");
        return problem.getString("mfaToken");
    }

    static Api.Reply second(String mfaToken, String code) {
        return Api.anonymous()
                .from(Fixtures.address())
                .post("/api/v1/auth/login/mfa", json("mfaToken", mfaToken, "code", code));
    }

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
    }

    @Test
    void signInNeedsTheCurrentOrPreviousCodeOnce() throws Exception {
        Enrolled enrolled = enrolled();
        assertThat(enrolled.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();

        String used = code(enrolled.secret(), Instant.now());
        Api.Reply signedIn = second(mfaToken(enrolled.user()), used);
        assertThat(signedIn.status()).as("second step: %s", signedIn).isEqualTo(200);
        assertThat(signedIn.json().getString("refreshToken")).startsWith("obr_");

        assertProblem(second(mfaToken(enrolled.user()), used), 401);
        assertProblem(
                second(
                        mfaToken(enrolled.user()),
                        code(enrolled.secret(), Instant.now().minusSeconds(90))),
                401);
        assertProblem(
                second(
                        mfaToken(enrolled.user()),
                        code(enrolled.secret(), Instant.now().plusSeconds(90))),
                401);
    }

    @Test
    void oneCodeRacingTwiceSucceedsOnce() throws Exception {
        Enrolled enrolled = enrolled();
        String first = mfaToken(enrolled.user());
        String other = mfaToken(enrolled.user());
        String code = code(enrolled.secret(), Instant.now());
        CompletableFuture<Api.Reply> a = CompletableFuture.supplyAsync(() -> second(first, code));
        CompletableFuture<Api.Reply> b = CompletableFuture.supplyAsync(() -> second(other, code));
        assertThat(List.of(a.get().status(), b.get().status())).containsExactlyInAnyOrder(200, 401);
    }

    @Test
    void aRecoveryCodeWorksOnceAndAChallengeOnlyOnce() throws Exception {
        Enrolled enrolled = enrolled();
        String recovery = enrolled.recoveryCodes().get(0);
        String token = mfaToken(enrolled.user());
        assertThat(second(token, recovery).status()).isEqualTo(200);
        assertProblem(second(token, enrolled.recoveryCodes().get(1)), 401);
        assertProblem(second(mfaToken(enrolled.user()), recovery), 401);
        assertThat(second(
                                mfaToken(enrolled.user()),
                                enrolled.recoveryCodes().get(1).toLowerCase())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void fiveWrongCodesBurnTheChallenge() throws Exception {
        Enrolled enrolled = enrolled();
        String token = mfaToken(enrolled.user());
        for (int attempt = 0; attempt < 5; attempt++) {
            assertProblem(
                    second(token, "000000".equals(code(enrolled.secret(), Instant.now())) ? "111111" : "000000"), 401);
        }
        Api.Reply afterwards = second(token, code(enrolled.secret(), Instant.now()));
        assertThat(afterwards.status())
                .as("refused: the challenge is spent, the account throttled")
                .isIn(401, 429);
    }

    @Test
    void disablingNeedsPasswordAndCode() throws Exception {
        Enrolled enrolled = enrolled();
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
        assertProblem(second("obm_unknown", "123456"), 401);
    }

    @Test
    void theSecretIsSealedAtRest() throws Exception {
        Enrolled enrolled = enrolled();
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
        assertThat(second(mfaToken(enrolled.user()), code(enrolled.secret(), Instant.now()))
                        .status())
                .isEqualTo(200);
    }
}
