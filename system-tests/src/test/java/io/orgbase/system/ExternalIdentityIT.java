package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static io.orgbase.system.Problems.assertInvalidFields;
import static io.orgbase.system.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Session;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * Signing in with a token of the trusted external OpenID Connect issuer (served by the test
 * itself): verified like Orgbase's own tokens, linked to the Orgbase account that owns its verified
 * email at the first sign-in and by the provider's subject afterwards, and exchanged for an Orgbase
 * session.
 */
class ExternalIdentityIT {

    private static final String EXCHANGE = "/api/v1/auth/oidc";

    private static Api.Reply exchange(String token) {
        return Api.anonymous().post(EXCHANGE, json("token", token));
    }

    @Test
    void aTokenOfTheTrustedIssuerSignsInTheUserWithItsEmail() throws Exception {
        Session user = Fixtures.newUser();
        ExternalIdp idp = ExternalIdp.get();
        // the provider may spell the address differently
        Api.Reply reply = exchange(idp.sign(ExternalIdp.claims(user.email().toUpperCase(Locale.ROOT))));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().getString("refreshToken")).isNotBlank();

        Api session = Api.anonymous().withToken(reply.json().getString("accessToken"));
        assertThat(session.get("/api/v1/me").json().getString("id"))
                .isEqualTo(user.id().toString());
        Api.Reply refreshed = Api.anonymous()
                .post("/api/v1/auth/refresh", json("refreshToken", reply.json().getString("refreshToken")));
        assertThat(refreshed.status()).isEqualTo(200);
    }

    @Test
    void theProvidersTokenIsNotAnOrgbaseAccessToken() throws Exception {
        Session user = Fixtures.newUser();
        String token = ExternalIdp.get().sign(ExternalIdp.claims(user.email()));
        assertProblem(Api.anonymous().withToken(token).get("/api/v1/me"), 401);
    }

    @Test
    void everyForgedOrMisdirectedTokenIsRefused() throws Exception {
        Session user = Fixtures.newUser();
        ExternalIdp idp = ExternalIdp.get();
        RsaJsonWebKey key = idp.currentKey();
        RsaJsonWebKey stranger = ExternalIdp.newKey(key.getKeyId());
        List<String> attacks = new ArrayList<>();

        JwtClaims wrongIssuer = ExternalIdp.claims(user.email());
        wrongIssuer.setIssuer("https://evil.example");
        attacks.add(idp.sign(wrongIssuer));
        JwtClaims wrongAudience = ExternalIdp.claims(user.email());
        wrongAudience.setAudience("another-application");
        attacks.add(idp.sign(wrongAudience));
        JwtClaims expired = ExternalIdp.claims(user.email());
        expired.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 120));
        attacks.add(idp.sign(expired));
        JwtClaims notYet = ExternalIdp.claims(user.email());
        notYet.setNotBefore(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        attacks.add(idp.sign(notYet));
        JwtClaims fromTheFuture = ExternalIdp.claims(user.email());
        fromTheFuture.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + 600));
        attacks.add(idp.sign(fromTheFuture));
        JwtClaims noExpiry = ExternalIdp.claims(user.email());
        noExpiry.unsetClaim("exp");
        attacks.add(idp.sign(noExpiry));
        JwtClaims unverified = ExternalIdp.claims(user.email());
        unverified.setClaim("email_verified", false);
        attacks.add(idp.sign(unverified));
        // a provider that does not say the address is verified has not verified it
        JwtClaims unsaid = ExternalIdp.claims(user.email());
        unsaid.unsetClaim("email_verified");
        attacks.add(idp.sign(unsaid));
        JwtClaims noSubject = ExternalIdp.claims(user.email());
        noSubject.unsetClaim("sub");
        attacks.add(idp.sign(noSubject));
        JwtClaims noEmail = ExternalIdp.claims(user.email());
        noEmail.unsetClaim("email");
        attacks.add(idp.sign(noEmail));

        JwtClaims valid = ExternalIdp.claims(user.email());
        // signed by a key the provider never published, under a published key id
        attacks.add(
                Tokens.sign(valid, stranger.getPrivateKey(), AlgorithmIdentifiers.RSA_USING_SHA256, key.getKeyId()));
        // an unknown key id
        attacks.add(Tokens.sign(valid, stranger.getPrivateKey(), AlgorithmIdentifiers.RSA_USING_SHA256, "nobody"));
        // HS256 keyed with the provider's public key
        attacks.add(Tokens.sign(
                valid,
                new HmacKey(key.toJson().getBytes(StandardCharsets.UTF_8)),
                AlgorithmIdentifiers.HMAC_SHA256,
                key.getKeyId()));
        // alg none
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(valid.toJson());
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        attacks.add(none.getCompactSerialization());
        // a key carried in the header, even the right one
        JsonWebSignature embedded = new JsonWebSignature();
        embedded.setPayload(valid.toJson());
        embedded.setKey(key.getPrivateKey());
        embedded.setKeyIdHeaderValue(key.getKeyId());
        embedded.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        embedded.setJwkHeader(stranger);
        attacks.add(embedded.getCompactSerialization());
        // Orgbase's own access token is not the provider's
        attacks.add(Tokens.sign(
                Tokens.claims(user.id().toString(), user.email()),
                Tokens.orgbaseKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256,
                null));
        attacks.add("not-a-token");

        for (String attack : attacks) {
            assertRefused(exchange(attack));
        }
        assertThat(exchange(idp.sign(valid)).status()).isEqualTo(200);
    }

    @Test
    void anEmailWithoutAnOrgbaseAccountIsRefused() throws Exception {
        Api.Reply reply =
                exchange(ExternalIdp.get().sign(ExternalIdp.claims("nobody-" + Secrets.suffix() + "@it.example")));
        assertThat(assertProblem(reply, 401).getString("detail")).contains("No Orgbase account");
    }

    @Test
    void keysTheProviderRotatesInAreFetched() throws Exception {
        Session user = Fixtures.newUser();
        ExternalIdp idp = ExternalIdp.get();
        String subject = "idp-user-" + Secrets.suffix();
        assertThat(exchange(idp.sign(ExternalIdp.claims(user.email(), subject))).status())
                .isEqualTo(200);
        int fetched = idp.fetches();
        RsaJsonWebKey rotated = idp.rotate("idp-rotated-" + Secrets.suffix());
        String token = Tokens.sign(
                ExternalIdp.claims(user.email(), subject),
                rotated.getPrivateKey(),
                AlgorithmIdentifiers.RSA_USING_SHA256,
                rotated.getKeyId());
        assertThat(exchange(token).status()).isEqualTo(200);
        assertThat(idp.fetches()).isGreaterThan(fetched);
    }

    @Test
    void theProvidersSubjectIsLinkedAtTheFirstSignInAndMatchedAfterwards() throws Exception {
        Session user = Fixtures.newUser();
        ExternalIdp idp = ExternalIdp.get();
        String subject = "idp-user-" + Secrets.suffix();
        assertThat(exchange(idp.sign(ExternalIdp.claims(user.email(), subject))).status())
                .isEqualTo(200);

        // another person of the provider who now has the address (a recycled mailbox) is not them
        Api.Reply stranger = exchange(idp.sign(ExternalIdp.claims(user.email())));
        assertThat(assertProblem(stranger, 401).getString("detail")).contains("No Orgbase account");

        // the linked person is found by subject, whatever address the provider shows now
        Api.Reply moved =
                exchange(idp.sign(ExternalIdp.claims("renamed-" + Secrets.suffix() + "@it.example", subject)));
        assertThat(moved.status()).as("%s", moved).isEqualTo(200);
        assertThat(Api.anonymous()
                        .withToken(moved.json().getString("accessToken"))
                        .get("/api/v1/me")
                        .json()
                        .getString("id"))
                .isEqualTo(user.id().toString());
    }

    @Test
    void anUnverifiedAccountIsNeverBoundByTheProvider() throws Exception {
        String victim = "cfo-" + Secrets.suffix() + "@victim.example";
        EmailOwnershipIT.claimedByAnAttacker(victim);
        Api.Reply reply = exchange(ExternalIdp.get().sign(ExternalIdp.claims(victim)));
        assertThat(assertProblem(reply, 401).getString("detail")).contains("No Orgbase account");
    }

    @Test
    void theSessionClaimsASecondFactorOnlyWhenTheProviderSaysSo() throws Exception {
        ExternalIdp idp = ExternalIdp.get();
        Session plain = Fixtures.newUser();
        Api.Reply single = exchange(idp.sign(ExternalIdp.claims(plain.email())));
        assertThat(amr(single)).doesNotContain("mfa");

        Session strong = Fixtures.newUser();
        JwtClaims withFactors = ExternalIdp.claims(strong.email());
        withFactors.setStringListClaim("amr", "pwd", "hwk", "mfa", "made-up");
        assertThat(amr(exchange(idp.sign(withFactors)))).containsExactly("pwd", "hwk", "mfa");

        // without the provider's second factor, Orgbase's own TOTP is asked for as after a password
        Totp.Enrolled enrolled = Totp.enrolled();
        Api.Reply challenge =
                exchange(idp.sign(ExternalIdp.claims(enrolled.user().email())));
        JsonObject problem = assertProblem(challenge, 401);
        assertThat(problem.getString("type")).endsWith("/mfa_required");
        Api.Reply completed =
                Totp.second(problem.getString("mfaToken"), Totp.code(enrolled.secret(), java.time.Instant.now()));
        assertThat(completed.status()).as("%s", completed).isEqualTo(200);
        assertThat(amr(completed)).containsExactly("otp", "mfa");
    }

    private static List<String> amr(Api.Reply signedIn) {
        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(200);
        return Tokens.payload(signedIn.json().getString("accessToken"))
                .getJsonArray("amr")
                .getValuesAs(jakarta.json.JsonString.class)
                .stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }

    @Test
    void aMalformedRequestIsA400() {
        assertInvalidFields(Api.anonymous().post(EXCHANGE, json()), "token");
        assertInvalidFields(Api.anonymous().post(EXCHANGE, json("token", 5, "extra", "x")), "token", "extra");
    }

    /** One refusal for every kind of bad token: nothing tells the attacker which rule it broke. */
    private static void assertRefused(Api.Reply reply) {
        assertThat(assertProblem(reply, 401).getString("detail"))
                .as("%s", reply)
                .isEqualTo("The identity provider's token is not valid here.");
    }
}
