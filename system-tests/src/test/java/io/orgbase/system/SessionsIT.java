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

    /** The console's way: the refresh token in an HttpOnly cookie, the access token in the body. */
    @Test
    void browserSessionsKeepTheRefreshTokenInAStrictCookie() {
        Session user = Fixtures.newUser();
        Api browser = Api.anonymous().from(Fixtures.address()).withHeader("X-Orgbase-Session", "cookie");
        Api.Reply signedIn = browser.post(LOGIN, json("email", user.email(), "password", user.password()));
        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(200);
        assertThat(signedIn.json().isNull("refreshToken"))
                .as("not readable by script")
                .isTrue();
        assertThat(signedIn.header("Cache-Control")).isEqualTo("no-store");
        String first = sessionCookie(signedIn);
        assertThat(Api.anonymous()
                        .withToken(signedIn.json().getString("accessToken"))
                        .get("/api/v1/me")
                        .status())
                .isEqualTo(200);

        // a refresh sends no body, or {}; the cookie rotates like a body token
        Api.Reply refreshed = browser.withHeader("Cookie", "orgbase_refresh=" + first)
                .send("POST", REFRESH, null, "application/json");
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        String second = sessionCookie(refreshed);
        assertThat(second).isNotEqualTo(first);
        assertThat(refreshed.json().isNull("refreshToken")).isTrue();
        Api.Reply again =
                browser.withHeader("Cookie", "orgbase_refresh=" + second).post(REFRESH, json());
        assertThat(again.status()).isEqualTo(200);
        String third = sessionCookie(again);

        // an old cookie replayed (stolen) ends the sign-in, as an old body token does
        assertProblem(browser.withHeader("Cookie", "orgbase_refresh=" + first).post(REFRESH, json()), 401);
        assertProblem(browser.withHeader("Cookie", "orgbase_refresh=" + third).post(REFRESH, json()), 401);
    }

    @Test
    void cookieSessionsRefuseWhatAnotherSiteCouldSend() {
        Session user = Fixtures.newUser();
        Api browser = Api.anonymous().from(Fixtures.address()).withHeader("X-Orgbase-Session", "cookie");
        String token = sessionCookie(browser.post(LOGIN, json("email", user.email(), "password", user.password())));
        Api withCookie = Api.anonymous().withHeader("Cookie", "orgbase_refresh=" + token);

        // a cross-site form can send the cookie (were it not strict) but not the header: the cookie is ignored
        assertInvalidFields(withCookie.post(REFRESH, json()), "refreshToken");
        assertProblem(withCookie.send("POST", REFRESH, "refreshToken=x", "application/x-www-form-urlencoded"), 415);
        // what a browser marks as another site's request is refused, cookie or not
        assertProblem(
                withCookie
                        .withHeader("X-Orgbase-Session", "cookie")
                        .withHeader("Sec-Fetch-Site", "cross-site")
                        .post(REFRESH, json()),
                401);
        // the header's only value, and a body only where it means something
        assertInvalidFields(
                withCookie.withHeader("X-Orgbase-Session", "yes").post(REFRESH, json()), "X-Orgbase-Session");
        assertInvalidFields(
                withCookie.withHeader("X-Orgbase-Session", "cookie").post(REFRESH, json("refreshToken", token)),
                "refreshToken");
        assertProblem(browser.post(REFRESH, json()), 401);
        assertThat(withCookie
                        .withHeader("X-Orgbase-Session", "cookie")
                        .withHeader("Sec-Fetch-Site", "same-origin")
                        .post(REFRESH, json())
                        .status())
                .as("none of that spent the session")
                .isEqualTo(200);
    }

    @Test
    void signingOutOfACookieSessionClearsTheCookie() {
        Session user = Fixtures.newUser();
        Api browser = Api.anonymous().from(Fixtures.address()).withHeader("X-Orgbase-Session", "cookie");
        String token = sessionCookie(browser.post(LOGIN, json("email", user.email(), "password", user.password())));

        Api.Reply out = browser.withHeader("Cookie", "orgbase_refresh=" + token).post(LOGOUT, json());
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie"))
                .startsWith("orgbase_refresh=;")
                .contains("Max-Age=0")
                .contains("Path=/api/v1/auth/");
        assertProblem(browser.withHeader("Cookie", "orgbase_refresh=" + token).post(REFRESH, json()), 401);
        assertThat(browser.send("POST", LOGOUT, null, "application/json").status())
                .as("signing out without a session is fine")
                .isEqualTo(204);
    }

    @Test
    void aSecondSessionCookieIsRefusedAndAFailedRefreshForgetsTheCookie() {
        Session user = Fixtures.newUser();
        Api browser = Api.anonymous().from(Fixtures.address()).withHeader("X-Orgbase-Session", "cookie");
        String mine = sessionCookie(browser.post(LOGIN, json("email", user.email(), "password", user.password())));
        Session attacker = Fixtures.newUser();
        String planted =
                sessionCookie(browser.post(LOGIN, json("email", attacker.email(), "password", attacker.password())));

        // a cookie planted beside the user's (a sibling host, plain HTTP): neither is used
        Api.Reply both = browser.withHeader("Cookie", "orgbase_refresh=" + planted + "; orgbase_refresh=" + mine)
                .post(REFRESH, json());
        assertProblem(both, 401);
        assertThat(both.header("Set-Cookie")).startsWith("orgbase_refresh=;").contains("Max-Age=0");
        assertThat(both.header("Cache-Control")).isEqualTo("no-store");

        Api.Reply unknown =
                browser.withHeader("Cookie", "orgbase_refresh=obr_unknown").post(REFRESH, json());
        assertProblem(unknown, 401);
        assertThat(unknown.header("Set-Cookie"))
                .as("a dead session's cookie is cleared")
                .contains("Max-Age=0");
        assertThat(browser.withHeader("Cookie", "orgbase_refresh=" + mine)
                        .post(REFRESH, json())
                        .status())
                .as("the refusals spent nothing")
                .isEqualTo(200);
    }

    @Test
    void theCookieIsSecureBehindAnHttpsLoadBalancer() {
        Session user = Fixtures.newUser();
        Api.Reply signedIn = Api.anonymous()
                .from(Fixtures.address())
                .withHeader("X-Orgbase-Session", "cookie")
                .withHeader("X-Forwarded-Proto", "https")
                .post(LOGIN, json("email", user.email(), "password", user.password()));
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(List.of(signedIn.header("Set-Cookie").split(";\\s*"))).contains("Secure", "HttpOnly");
    }

    @Test
    void theSecondFactorStepSetsTheCookieAndNothingIsCached() throws Exception {
        Totp.Enrolled enrolled = Totp.enrolled();
        Api browser = Api.anonymous().from(Fixtures.address()).withHeader("X-Orgbase-Session", "cookie");
        Api.Reply first = browser.post(
                LOGIN,
                json(
                        "email",
                        enrolled.user().email(),
                        "password",
                        enrolled.user().password()));
        assertProblem(first, 401);
        assertThat(first.header("Cache-Control"))
                .as("the mfaToken is not cached")
                .isEqualTo("no-store");
        assertThat(first.header("Set-Cookie")).isNull();
        Api.Reply second = browser.post(
                "/api/v1/auth/login/mfa",
                json(
                        "mfaToken",
                        first.json().getString("mfaToken"),
                        "code",
                        Totp.code(enrolled.secret(), java.time.Instant.now())));
        String token = sessionCookie(second);
        assertThat(second.json().isNull("refreshToken")).isTrue();
        assertThat(browser.withHeader("Cookie", "orgbase_refresh=" + token)
                        .post(REFRESH, json())
                        .status())
                .isEqualTo(200);
        // signing in is refused to cross-site requests as refresh is (right password, no MFA)
        Session plain = Fixtures.newUser();
        assertProblem(
                browser.withHeader("Sec-Fetch-Site", "cross-site")
                        .post(LOGIN, json("email", plain.email(), "password", plain.password())),
                401);
    }

    /** The refresh token a cookie session's answer sets, after checking the cookie's attributes. */
    private static String sessionCookie(Api.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        String cookie = reply.header("Set-Cookie");
        assertThat(cookie).as("Set-Cookie").isNotNull();
        List<String> parts = List.of(cookie.split(";\\s*"));
        assertThat(parts.get(0)).startsWith("orgbase_refresh=obr_");
        assertThat(parts)
                .contains("HttpOnly", "SameSite=Strict", "Path=/api/v1/auth/")
                .as("plain HTTP here: a Secure cookie would be dropped")
                .doesNotContain("Secure");
        long maxAge = Long.parseLong(parts.stream()
                .filter(p -> p.startsWith("Max-Age="))
                .findFirst()
                .orElseThrow()
                .substring(8));
        assertThat(maxAge).isBetween(14 * 86400L - 60, 14 * 86400L);
        return parts.get(0).substring("orgbase_refresh=".length());
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
