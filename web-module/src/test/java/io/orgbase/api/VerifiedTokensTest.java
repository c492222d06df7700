package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fish.payara.microprofile.jwtauth.eesecurity.SignedJWTCredential;
import io.orgbase.access.Caller;
import io.orgbase.identity.control.SigningKeys;
import io.orgbase.problems.Unauthenticated;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.CredentialValidationResult.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache answers only for the exact text of a token the container verified and
 * the policy passed, and only until the token expires.
 */
class VerifiedTokensTest {

    private VerifiedTokens tokens;

    @BeforeAll
    static void signingKey() throws Exception {
        Path home = Files.createTempDirectory("verified-tokens");
        System.setProperty("orgbase.jwt.key-file", home.resolve("key.pem").toString());
    }

    @BeforeEach
    void store() {
        tokens = new VerifiedTokens();
        tokens.enabled = true;
    }

    /** A token's text as the policy reads it; the signature is not checked here (the container does). */
    private static String text(String kid, long exp, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = "{\"sub\":\"u\",\"exp\":" + exp + ",\"groups\":[\"user\"]}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    private static String valid() {
        return text(SigningKeys.current().keyId(), Instant.now().getEpochSecond() + 900, "c2lnbmF0dXJlcw");
    }

    /** What Payara's verification makes of a token: a caller principal with the token's claims. */
    private static final class Verified extends CallerPrincipal implements JsonWebToken {
        private final Map<String, Object> claims;

        Verified(Map<String, Object> claims) {
            super("u");
            this.claims = claims;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }

    private static JsonWebToken verified(String raw, long exp) {
        return new Verified(Map.of("raw_token", raw, "exp", exp, "sub", "u", "groups", Set.of("user")));
    }

    private CredentialValidationResult ask(String raw) {
        return tokens.validate(new SignedJWTCredential(raw));
    }

    @Test
    void aTokenNeverAdmittedIsLeftToTheContainer() {
        assertThat(ask(valid()).getStatus()).isEqualTo(Status.NOT_VALIDATED);
        assertThat(tokens.validate(new UsernamePasswordCredential("u", "p")).getStatus())
                .isEqualTo(Status.NOT_VALIDATED);
    }

    @Test
    void anAdmittedTokenIsAnsweredWithItsPrincipalAndGroups() {
        String raw = valid();
        assertThat(ask(raw).getStatus()).isEqualTo(Status.NOT_VALIDATED);
        JsonWebToken token = verified(raw, Instant.now().getEpochSecond() + 900);
        tokens.admit(token);

        CredentialValidationResult again = ask(raw);
        assertThat(again.getStatus()).isEqualTo(Status.VALID);
        assertThat(again.getCallerPrincipal()).isSameAs(token);
        assertThat(again.getCallerGroups()).containsExactly("user");
        assertThat(tokens.size()).isEqualTo(1);
    }

    @Test
    void theCallerOfAnAdmittedTokenObjectIsWorkedOutOnce() {
        String raw = valid();
        ask(raw); // Payara asks identity stores
        UUID user = UUID.randomUUID();
        Map<String, Object> claims = Map.of(
                "raw_token",
                raw,
                "exp",
                Instant.now().getEpochSecond() + 900,
                "sub",
                user.toString(),
                "upn",
                "ada@example.com",
                "groups",
                Set.of("user"));
        JsonWebToken token = new Verified(claims);
        tokens.admit(token);

        Caller caller = tokens.callerOf(token);
        assertThat(caller.userId()).isEqualTo(user);
        assertThat(tokens.callerOf(token)).as("the same object: remembered").isSameAs(caller);
        JsonWebToken afresh = new Verified(claims); // the container verified the same text again
        assertThat(tokens.callerOf(afresh))
                .as("another object: read from its claims")
                .isNotSameAs(caller)
                .isEqualTo(caller);
    }

    @Test
    void aTokenThatNamesNoUserIsAdmittedButItsCallerRefused() {
        String raw = valid();
        ask(raw);
        JsonWebToken token = verified(raw, Instant.now().getEpochSecond() + 900); // sub "u"
        tokens.admit(token);
        assertThat(ask(raw).getStatus()).isEqualTo(Status.VALID);
        assertThatThrownBy(() -> tokens.callerOf(token)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void noOtherTextFindsTheEntry() {
        String raw = valid();
        ask(raw);
        tokens.admit(verified(raw, Instant.now().getEpochSecond() + 900));

        String otherSignature = raw.substring(0, raw.lastIndexOf('.') + 1) + "c2lnbmF0dXJF";
        for (String other : new String[] {otherSignature, raw + "=", raw.substring(1), " " + raw, raw.toUpperCase()}) {
            assertThat(ask(other).getStatus()).as(other).isEqualTo(Status.NOT_VALIDATED);
        }
    }

    @Test
    void aTokenThePolicyRefusesIsNotRemembered() {
        String foreignKey = text("someone-elses-key", Instant.now().getEpochSecond() + 900, "c2ln");
        ask(foreignKey);
        JsonWebToken refused = verified(foreignKey, Instant.now().getEpochSecond() + 900);
        assertThatThrownBy(() -> tokens.admit(refused)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> tokens.admit(refused))
                .as("the same object, refused again: nothing remembered it")
                .isInstanceOf(Unauthenticated.class);
        assertThat(ask(foreignKey).getStatus()).isEqualTo(Status.NOT_VALIDATED);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anExpiredTokenIsNotRememberedAndAnEntryEndsAtItsExpiry() {
        long now = Instant.now().getEpochSecond();
        tokens.now = () -> now;
        String past = text(SigningKeys.current().keyId(), now - 5, "c2ln");
        ask(past);
        tokens.admit(verified(past, now - 5)); // the container allows 60 s of clock skew; this cache does not
        assertThat(ask(past).getStatus()).isEqualTo(Status.NOT_VALIDATED);

        long soon = now + 60;
        String shortLived = text(SigningKeys.current().keyId(), soon, "c2ln");
        ask(shortLived);
        tokens.admit(verified(shortLived, soon));
        assertThat(ask(shortLived).getStatus()).isEqualTo(Status.VALID);
        tokens.now = () -> soon; // the token's exp has come
        assertThat(ask(shortLived).getStatus()).isEqualTo(Status.NOT_VALIDATED);
    }

    @Test
    void nothingIsRememberedWhereIdentityStoresAreNotAskedOrTheCacheIsOff() {
        String raw = valid();
        tokens.admit(verified(raw, Instant.now().getEpochSecond() + 900)); // WildFly: never consulted
        assertThat(ask(raw).getStatus()).isEqualTo(Status.NOT_VALIDATED);
        assertThat(tokens.size()).isZero();

        tokens.enabled = false;
        tokens.admit(verified(raw, Instant.now().getEpochSecond() + 900));
        assertThat(ask(raw).getStatus()).isEqualTo(Status.NOT_VALIDATED);
        assertThat(tokens.size()).isZero();
    }

    /** Payara's Base64 decoding skips stray characters: a token respelt so is not a new entry. */
    @Test
    void otherSpellingsOfOneTokenAreRefusedNotRemembered() {
        String raw = valid();
        String signature = raw.substring(raw.lastIndexOf('.') + 1);
        String head = raw.substring(0, raw.lastIndexOf('.') + 1);
        for (String respelt : new String[] {
            head + signature.substring(0, 3) + "!" + signature.substring(3),
            head + signature + "=",
            head + signature.substring(0, signature.length() - 1) + "x", // "w" with its unused bits set
            raw.replace('.', ' '),
            head + signature + "A".repeat(TokenPolicy.MAX_LENGTH)
        }) {
            ask(respelt);
            assertThatThrownBy(
                            () -> tokens.admit(verified(respelt, Instant.now().getEpochSecond() + 900)))
                    .as(respelt)
                    .isInstanceOf(Unauthenticated.class);
        }
        assertThat(tokens.size()).isZero();
    }

    @Test
    void thePolicyStillRefusesWhenTheCacheIsOff() {
        tokens.enabled = false;
        String foreignKey = text("someone-elses-key", Instant.now().getEpochSecond() + 900, "c2ln");
        assertThatThrownBy(() -> tokens.admit(verified(foreignKey, Instant.now().getEpochSecond() + 900)))
                .isInstanceOf(Unauthenticated.class);
    }
}
