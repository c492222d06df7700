package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** Two-factor sign-in for tests: TOTP codes, an enrolled user, the two steps of signing in. */
final class Totp {

    private Totp() {}

    static final String PATH = "/api/v1/me/2fa/totp";

    private static final TimeBasedOneTimePasswordGenerator GENERATOR =
            new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

    static String code(String secret, Instant at) throws Exception {
        return GENERATOR.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), at);
    }

    /** A user with 2FA on; returns the secret and the recovery codes. */
    record Enrolled(Session user, String secret, List<String> recoveryCodes) {}

    static Enrolled enrolled() throws Exception {
        Session user = Fixtures.newUser();
        JsonObject enrolment = user.api().post(PATH, "").json();
        String secret = enrolment.getString("secret");
        Api.Reply confirmed = user.api()
                .post(PATH + "/confirm", json("code", code(secret, Instant.now().minusSeconds(30))));
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
}
