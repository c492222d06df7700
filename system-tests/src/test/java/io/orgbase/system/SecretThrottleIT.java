package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Session;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Every check of a secret is throttled like sign-in (OWASP API2): a stolen access token is no
 * password- or code-guessing oracle. Failures of all checks of one account share one count (five
 * by default), after which every check — sign-in included — answers 429 with Retry-After; each
 * failure is audited.
 */
class SecretThrottleIT {

    private static final int MAX_PER_ACCOUNT = 5;

    @Test
    void aWrongCurrentPasswordIsCountedLikeAFailedSignIn() {
        Session user = Fixtures.newUser();
        Api api = user.api().from(Fixtures.address());
        for (int i = 0; i < MAX_PER_ACCOUNT; i++) {
            assertInvalidFields(
                    api.post(
                            "/api/v1/me/password",
                            json(
                                    "currentPassword",
                                    "wrong-" + i + "-" + Secrets.password(),
                                    "newPassword",
                                    Secrets.password())),
                    "currentPassword");
        }
        Api.Reply locked = api.post(
                "/api/v1/me/password", json("currentPassword", user.password(), "newPassword", Secrets.password()));
        assertProblem(locked, 429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isPositive();
        // the same account's sign-in is locked out too, from anywhere
        assertProblem(
                Api.anonymous()
                        .from(Fixtures.address())
                        .post("/api/v1/auth/login", json("email", user.email(), "password", user.password())),
                429);

        Api.Reply audited = Fixtures.admin()
                .api()
                .get("/api/v1/admin/audit-events?action=secret-check-failed&entityId=" + user.id());
        assertThat(audited.json().getJsonArray("items")).hasSize(MAX_PER_ACCOUNT);
    }

    @Test
    void codeGuessingWhileDisablingTwoFactorSignInIsThrottled() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        Api api = enrolled.user().api().from(Fixtures.address());
        String disable = "/api/v1/me/2fa/totp/disable";
        for (int i = 0; i < MAX_PER_ACCOUNT; i++) {
            assertInvalidFields(
                    api.post(disable, json("password", enrolled.user().password(), "code", String.format("%06d", i))),
                    "code");
        }
        String right = Totp.code(enrolled.secret(), Instant.now());
        assertProblem(api.post(disable, json("password", enrolled.user().password(), "code", right)), 429);
        // still on
        assertProblem(api.post("/api/v1/me/2fa/totp", ""), 409);
    }

    /**
     * DELETE with a body: Payara's listener refuses one unless the domain allows it
     * (server-config/payara-server/orgbase-domain.asadmin); WildFly and Micro take it as is.
     */
    @Test
    void twoFactorSignInIsTurnedOffWithADeleteThatCarriesABody() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        Api api = enrolled.user().api().from(Fixtures.address());
        String right = Totp.code(enrolled.secret(), Instant.now());
        Api.Reply off = api.send(
                "DELETE",
                "/api/v1/me/2fa/totp",
                json("password", enrolled.user().password(), "code", right).toString(),
                "application/json");
        assertThat(off.status()).as("%s", off).isEqualTo(204);
        assertThat(api.post("/api/v1/me/2fa/totp", "").status())
                .as("enrolling again")
                .isNotEqualTo(409);
    }

    @Test
    void oversizedCredentialsAreRefusedBeforeAnythingIsHashedOrStored() {
        String address = Fixtures.address();
        Api anonymous = Api.anonymous().from(address);
        String longEmail = "a".repeat(3000) + "@it.example";
        assertInvalidFields(
                anonymous.post("/api/v1/auth/login", json("email", longEmail, "password", "x".repeat(300))),
                "email",
                "password");
        Session user = Fixtures.newUser();
        assertInvalidFields(
                user.api()
                        .post(
                                "/api/v1/me/password",
                                json("currentPassword", "y".repeat(300), "newPassword", Secrets.password())),
                "currentPassword");
        // none of them counted
        assertThat(Fixtures.login(user.email(), user.password()).id()).isEqualTo(user.id());
    }

    @Test
    void guessesSentAtOnceAreCountedOneByOne() {
        Session user = Fixtures.newUser();
        java.util.List<java.util.concurrent.CompletableFuture<Integer>> guesses = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            for (int i = 0; i < 20; i++) {
                Api from = Api.anonymous().from(Fixtures.address());
                guesses.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> from.post(
                                        "/api/v1/auth/login",
                                        json("email", user.email(), "password", "guess-" + Secrets.password()))
                                .status(),
                        clients));
            }
            java.util.List<Integer> statuses = guesses.stream()
                    .map(java.util.concurrent.CompletableFuture::join)
                    .toList();
            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses.stream().filter(s -> s == 401)).hasSize(MAX_PER_ACCOUNT);
        } finally {
            clients.shutdownNow();
        }
    }
}
