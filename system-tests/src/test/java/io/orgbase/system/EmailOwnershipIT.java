package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An email address belongs to whoever proves it (account pre-hijacking, Sudhodanan and Paverd,
 * USENIX Security 2022): an invitation's token is no proof — the inviter holds it — so the account
 * it creates is unverified and binds nothing by email; adding a member by email finds only a
 * verified account, and an unverified one looks exactly like an unknown email.
 */
class EmailOwnershipIT {

    /** The attacker's account for {@code email}: made by inviting the address and taking the token. */
    record Claim(Session attacker, UUID accountId, String password) {}

    static Claim claimedByAnAttacker(String email) {
        Session attacker = Fixtures.newUser();
        Org lure = Fixtures.newOrg(attacker);
        String token = invite(attacker, lure, email, "member").getString("token");
        String password = Secrets.password();
        Api.Reply accepted = accept(token, json("password", password, "displayName", "Not The CFO"));
        assertThat(accepted.status()).as("accept: %s", accepted).isEqualTo(200);
        return new Claim(attacker, UUID.fromString(accepted.json().getString("userId")), password);
    }

    private static JsonObject invite(Session inviter, Org org, String email, String role) {
        Api.Reply created = inviter.in(org).invitations().create(json("email", email, "role", role));
        assertThat(created.status()).as("invite: %s", created).isEqualTo(201);
        return created.json();
    }

    /** Accepts from an address of its own: a password that is none of a claimed address's counts against it. */
    private static Api.Reply accept(String token, JsonObject body) {
        return Api.anonymous().from(Fixtures.address()).post("/api/v1/invitations/" + token + "/accept", body);
    }

    private static String victimEmail() {
        return "cfo-" + Secrets.suffix() + "@victim.example";
    }

    @Test
    void anInvitationTokenDoesNotMakeItsHolderTheOwnerOfTheAddress() {
        String email = victimEmail();
        Claim claim = claimedByAnAttacker(email);
        Session squatter = Fixtures.login(email, claim.password());
        assertThat(squatter.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isFalse();

        // the real organization adds the address as an admin: it is invited, the squatter is not bound
        Session victimOwner = Fixtures.newUser();
        Org victimOrg = Fixtures.newOrg(victimOwner);
        Api.Reply added = victimOwner.in(victimOrg).members().create(json("email", email, "role", "admin"));
        assertThat(added.status()).as("%s", added).isEqualTo(202);
        assertThat(added.header("Location")).contains(victimOrg.slug() + "/invitations/");
        assertThat(added.header("Cache-Control")).isEqualTo("no-store");
        String token = added.json().getString("token");
        assertProblem(squatter.api().get(victimOrg.path()), 404);

        // the real person accepts with a password of their own and gets an account of their own
        String realPassword = Secrets.password();
        Api.Reply joined = accept(token, json("password", realPassword, "displayName", "The CFO"));
        assertThat(joined.status()).as("%s", joined).isEqualTo(200);
        assertThat(joined.json().getBoolean("accountCreated")).isTrue();
        assertThat(joined.json().getString("userId"))
                .isNotEqualTo(claim.accountId().toString());

        Session cfo = Fixtures.login(email, realPassword);
        assertThat(cfo.id()).isNotEqualTo(claim.accountId());
        assertThat(cfo.api().get(victimOrg.path()).json().getString("role")).isEqualTo("admin");
        assertProblem(Fixtures.login(email, claim.password()).api().get(victimOrg.path()), 404);
    }

    @Test
    void anUnverifiedAccountLooksExactlyLikeAnUnknownEmail() {
        String claimed = victimEmail();
        claimedByAnAttacker(claimed);
        String unknown = victimEmail();
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);

        Api.Reply toClaimed = owner.in(org).members().create(json("email", claimed, "role", "member"));
        Api.Reply toUnknown = owner.in(org).members().create(json("email", unknown, "role", "member"));
        assertThat(toClaimed.status()).isEqualTo(202);
        assertThat(toUnknown.status()).isEqualTo(202);
        assertThat(toClaimed.json().keySet()).isEqualTo(toUnknown.json().keySet());
        assertThat(toClaimed.json().getJsonObject("invitation").getString("status"))
                .isEqualTo(toUnknown.json().getJsonObject("invitation").getString("status"))
                .isEqualTo("pending");

        // accepting without a body asks both for a new account's fields, in the same words
        Api.Reply claimedAccept = accept(toClaimed.json().getString("token"), json());
        Api.Reply unknownAccept = accept(toUnknown.json().getString("token"), json());
        assertInvalidFields(claimedAccept, "password", "displayName");
        assertInvalidFields(unknownAccept, "password", "displayName");
        assertThat(claimedAccept.body()).isEqualTo(unknownAccept.body());

        // fields only a joined member can have are refused for an invitation, nothing is stored
        Api.Reply employed =
                owner.in(org).members().create(json("email", victimEmail(), "role", "member", "jobTitle", "CFO"));
        assertInvalidFields(employed, "jobTitle");
    }

    @Test
    void aClaimRejoinsWithItsOwnPasswordAndStaysOneAccount() {
        String email = victimEmail();
        Claim claim = claimedByAnAttacker(email);
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String token = invite(owner, org, email, "member").getString("token");

        Api.Reply again = accept(token, json("password", claim.password(), "displayName", "Whoever"));
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().getBoolean("accountCreated")).isFalse();
        assertThat(again.json().getString("userId")).isEqualTo(claim.accountId().toString());
    }

    @Test
    void aPlatformAdministratorVouchesForAnAddressAndOtherClaimsStopSigningIn() {
        String email = victimEmail();
        Claim squatter = claimedByAnAttacker(email);
        Claim real = claimedByAnAttacker(email);
        Api.Reply signedIn =
                Api.anonymous().post("/api/v1/auth/login", json("email", email, "password", squatter.password()));
        String squattersRefresh = signedIn.json().getString("refreshToken");

        Api admin = Fixtures.admin().api();
        assertThat(admin.get("/api/v1/admin/users/" + real.accountId()).json().getBoolean("emailVerified"))
                .isFalse();
        Api.Reply vouched = admin.patch("/api/v1/admin/users/" + real.accountId(), json("emailVerified", true));
        assertThat(vouched.status()).as("%s", vouched).isEqualTo(200);
        assertThat(vouched.json().getString("emailVerifiedVia")).isEqualTo("admin");
        assertProblem(admin.patch("/api/v1/admin/users/" + squatter.accountId(), json("emailVerified", true)), 409);
        assertInvalidFields(admin.patch("/api/v1/admin/users/" + real.accountId(), json()), "emailVerified");
        assertProblem(
                squatter.attacker().api().patch("/api/v1/admin/users/" + real.accountId(), json("emailVerified", true)),
                403);

        // the owner signs in; the other claim neither signs in nor refreshes any more
        assertThat(Fixtures.login(email, real.password()).id()).isEqualTo(real.accountId());
        assertProblem(
                Api.anonymous().post("/api/v1/auth/login", json("email", email, "password", squatter.password())), 401);
        assertProblem(Api.anonymous().post("/api/v1/auth/refresh", json("refreshToken", squattersRefresh)), 401);

        // adding by email now finds the owner
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        Api.Reply added = owner.in(org).members().create(json("email", email, "role", "member"));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        assertThat(added.json().getString("userId")).isEqualTo(real.accountId().toString());
        assertThat(added.json().getBoolean("emailVerified")).isTrue();
    }

    @Test
    void accountsMadeByAPlatformAdministratorOwnTheirAddress() {
        Session user = Fixtures.newUser();
        assertThat(user.api().get("/api/v1/me").json().getBoolean("emailVerified"))
                .isTrue();
        JsonObject account =
                Fixtures.admin().api().get("/api/v1/admin/users/" + user.id()).json();
        assertThat(account.getBoolean("emailVerified")).isTrue();
        assertThat(account.getString("emailVerifiedVia")).isEqualTo("admin");
    }

    @Test
    void joiningAClaimByPasswordIsThrottledLikeSignIn() {
        String email = victimEmail();
        Claim victim = claimedByAnAttacker(email);
        // the attacker fills the address's claims with their own, then guesses through one invitation
        Session attacker = Fixtures.newUser();
        Org lure = Fixtures.newOrg(attacker);
        Api.Reply refused = null;
        String token = null;
        for (int i = 0; i < 12 && (refused == null || refused.status() != 429); i++) {
            if (token == null) {
                token = invite(attacker, lure, email, "member").getString("token");
            }
            refused = accept(token, json("password", Secrets.password(), "displayName", "Guess " + i));
            assertThat(refused.status()).as("%s", refused).isIn(200, 409, 429);
            if (refused.status() == 200) {
                // a new claim joined the lure: it leaves again, and the next guess needs a new invitation
                assertThat(attacker.api()
                                .delete(lure.path() + "/members/"
                                        + refused.json().getString("userId"))
                                .status())
                        .isEqualTo(204);
                token = null;
            }
        }
        assertProblem(refused, 429);
        // the victim's own password no longer gets through either, until the lock-out ends
        assertProblem(
                Api.anonymous().post("/api/v1/auth/login", json("email", email, "password", victim.password())), 429);
    }

    @Test
    void anUnverifiedAccountsSuccessDoesNotClearTheCountOfItsAddress() {
        String email = victimEmail();
        Claim attacker = claimedByAnAttacker(email);
        claimedByAnAttacker(email);
        Api anonymous = Api.anonymous().from(Fixtures.address());
        for (int i = 0; i < 3; i++) {
            assertProblem(
                    anonymous.post(
                            "/api/v1/auth/login", json("email", email, "password", "guess-" + Secrets.password())),
                    401);
        }
        // the attacker's own account signs in, and the guesses against the other still count
        assertThat(anonymous
                        .post("/api/v1/auth/login", json("email", email, "password", attacker.password()))
                        .status())
                .isEqualTo(200);
        assertProblem(
                anonymous.post("/api/v1/auth/login", json("email", email, "password", "guess-" + Secrets.password())),
                401);
        assertProblem(anonymous.post("/api/v1/auth/login", json("email", email, "password", attacker.password())), 429);
    }

    @Test
    void withdrawingAVerificationEndsItsSessionsAndProviderLinks() throws Exception {
        String email = victimEmail();
        Claim claim = claimedByAnAttacker(email);
        Api admin = Fixtures.admin().api();
        assertThat(admin.patch("/api/v1/admin/users/" + claim.accountId(), json("emailVerified", true))
                        .status())
                .isEqualTo(200);
        String subject = "idp-user-" + Secrets.suffix();
        Api.Reply linked = Api.anonymous()
                .post("/api/v1/auth/oidc", json("token", ExternalIdp.get().sign(ExternalIdp.claims(email, subject))));
        assertThat(linked.status()).as("%s", linked).isEqualTo(200);

        Api.Reply withdrawn = admin.patch("/api/v1/admin/users/" + claim.accountId(), json("emailVerified", false));
        assertThat(withdrawn.json().getBoolean("emailVerified")).isFalse();
        assertProblem(
                Api.anonymous()
                        .post(
                                "/api/v1/auth/refresh",
                                json("refreshToken", linked.json().getString("refreshToken"))),
                401);
        assertProblem(
                Api.anonymous()
                        .post(
                                "/api/v1/auth/oidc",
                                json("token", ExternalIdp.get().sign(ExternalIdp.claims(email, subject)))),
                401);
    }
}
