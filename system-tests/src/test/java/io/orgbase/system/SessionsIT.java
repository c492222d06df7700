package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Refresh-token rotation and reuse detection, sign-out, password change, sign-in throttling. */
class SessionsIT {

    private static final String LOGIN = "/api/v1/auth/login";
    private static final String REFRESH = "/api/v1/auth/refresh";
    private static final String LOGOUT = "/api/v1/auth/logout";

    private static JsonObject login(Session user) {
        Api.Reply reply = Api.anonymous()
                .from(Fixtures.address())
                .post(LOGIN, json("email", user.email(), "password", user.password()));
        assertThat(reply.status()).as("login: %s", reply).isEqualTo(200);
        return reply.json();
    }

    private static Api.Reply refresh(String token) {
        return Api.anonymous().post(REFRESH, json("refreshToken", token));
    }

    @Test
    void loginReturnsARefreshTokenThatRotates() {
        Session user = Fixtures.newUser();
        JsonObject first = login(user);
        assertThat(first.getString("refreshToken")).startsWith("obr_");
        assertThat(first.getInt("refreshExpiresIn")).isBetween(14 * 86400 - 60, 14 * 86400);

        Api.Reply rotated = refresh(first.getString("refreshToken"));
        assertThat(rotated.status()).isEqualTo(200);
        JsonObject second = rotated.json();
        assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
        assertThat(second.getInt("refreshExpiresIn")).isLessThanOrEqualTo(first.getInt("refreshExpiresIn"));
        Api api = Api.anonymous().withToken(second.getString("accessToken"));
        assertThat(api.get("/api/v1/me").json().getString("email")).isEqualTo(user.email());
    }

    @Test
    void reusingARefreshTokenRevokesItsWholeFamily() {
        Session user = Fixtures.newUser();
        String original = login(user).getString("refreshToken");
        String descendant = refresh(original).json().getString("refreshToken");
        String other = login(user).getString("refreshToken");

        assertProblem(refresh(original), 401);
        assertProblem(refresh(descendant), 401);
        assertThat(refresh(other).status())
                .as("another sign-in's family is untouched")
                .isEqualTo(200);
    }

    @Test
    void concurrentRefreshesOfOneTokenNeverBothSucceed() throws Exception {
        Session user = Fixtures.newUser();
        String token = login(user).getString("refreshToken");
        CompletableFuture<Api.Reply> a = CompletableFuture.supplyAsync(() -> refresh(token));
        CompletableFuture<Api.Reply> b = CompletableFuture.supplyAsync(() -> refresh(token));
        List<Integer> statuses = List.of(a.get().status(), b.get().status());
        assertThat(statuses).containsOnlyOnce(200).contains(401);
    }

    @Test
    void logoutEndsTheSession() {
        Session user = Fixtures.newUser();
        String token = login(user).getString("refreshToken");
        assertThat(Api.anonymous().post(LOGOUT, json("refreshToken", token)).status())
                .isEqualTo(204);
        assertProblem(refresh(token), 401);
        assertThat(Api.anonymous()
                        .post(LOGOUT, json("refreshToken", "obr_unknown"))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void badRefreshRequests() {
        assertProblem(refresh("obr_not-a-token"), 401);
        assertInvalidFields(Api.anonymous().post(REFRESH, json()), "refreshToken");
        assertInvalidFields(Api.anonymous().post(REFRESH, json("refreshToken", 5)), "refreshToken");
        assertInvalidFields(Api.anonymous().post(LOGOUT, json("token", "x")), "refreshToken", "token");
    }

    @Test
    void changingThePasswordSignsOutEverywhere() {
        Session user = Fixtures.newUser();
        String token = login(user).getString("refreshToken");
        String newPassword = Secrets.password();

        assertInvalidFields(
                user.api()
                        .post(
                                "/api/v1/me/password",
                                json("currentPassword", "wrong-" + user.password(), "newPassword", newPassword)),
                "currentPassword");
        assertInvalidFields(
                user.api()
                        .post("/api/v1/me/password", json("currentPassword", user.password(), "newPassword", "short")),
                "newPassword");
        assertThat(refresh(token).status()).as("failed changes revoke nothing").isEqualTo(200);
        String current = login(user).getString("refreshToken");

        assertThat(user.api()
                        .post(
                                "/api/v1/me/password",
                                json("currentPassword", user.password(), "newPassword", newPassword))
                        .status())
                .isEqualTo(204);
        assertProblem(refresh(current), 401);
        assertProblem(
                Api.anonymous()
                        .from(Fixtures.address())
                        .post(LOGIN, json("email", user.email(), "password", user.password())),
                401);
        assertThat(Api.anonymous()
                        .from(Fixtures.address())
                        .post(LOGIN, json("email", user.email(), "password", newPassword))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void failedSignInsLockTheAccountWithoutRevealingWhetherItExists() {
        Session user = Fixtures.newUser();
        String nobody = "nobody-" + Secrets.suffix() + "@it.example";
        for (int attempt = 0; attempt < 5; attempt++) {
            assertProblem(
                    Api.anonymous()
                            .from(Fixtures.address())
                            .post(LOGIN, json("email", user.email(), "password", "wrong")),
                    401);
            assertProblem(
                    Api.anonymous().from(Fixtures.address()).post(LOGIN, json("email", nobody, "password", "wrong")),
                    401);
        }
        Api.Reply locked = Api.anonymous()
                .from(Fixtures.address())
                .post(LOGIN, json("email", user.email(), "password", user.password()));
        Api.Reply lockedNobody =
                Api.anonymous().from(Fixtures.address()).post(LOGIN, json("email", nobody, "password", "wrong"));

        assertProblem(locked, 429);
        assertProblem(lockedNobody, 429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(locked.json().getString("detail"))
                .isEqualTo(lockedNobody.json().getString("detail"));
    }

    @Test
    void failedSignInsFromOneAddressLockThatAddress() {
        String address = Fixtures.address();
        for (int attempt = 0; attempt < 10; attempt++) {
            String email = "guess-" + Secrets.suffix() + "@it.example";
            assertProblem(Api.anonymous().from(address).post(LOGIN, json("email", email, "password", "wrong")), 401);
        }
        Session user = Fixtures.newUser();
        Api.Reply blocked =
                Api.anonymous().from(address).post(LOGIN, json("email", user.email(), "password", user.password()));
        assertProblem(blocked, 429);
        assertThat(blocked.header("Retry-After")).isNotNull();
        assertThat(Api.anonymous()
                        .from(Fixtures.address())
                        .post(LOGIN, json("email", user.email(), "password", user.password()))
                        .status())
                .as("another address is not affected")
                .isEqualTo(200);
    }
}
