package io.orgbase.identity.control;

import io.orgbase.access.SignIn;
import io.orgbase.identity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** Issues RS256 access tokens that MicroProfile JWT accepts. */
@ApplicationScoped
public class TokenIssuer {

    /** Group every signed-in user has; MicroProfile JWT maps groups to roles. */
    public static final String USER_GROUP = "user";

    /** Group of platform administrators. */
    public static final String PLATFORM_ADMIN_GROUP = "platform-admin";

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences")
    String audience;

    @Inject
    @ConfigProperty(name = "orgbase.jwt.lifetime", defaultValue = "PT15M")
    Duration lifetime;

    public record AccessToken(String token, long expiresIn) {}

    /** An access token for the user, saying how and when the session signed in ({@code amr}, {@code auth_time}). */
    public AccessToken issue(User user, SignIn signIn) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject(user.getId().toString());
        claims.setClaim("upn", user.getEmail());
        List<String> groups = new ArrayList<>(List.of(USER_GROUP));
        if (user.isPlatformAdmin()) {
            groups.add(PLATFORM_ADMIN_GROUP);
        }
        claims.setStringListClaim("groups", groups);
        claims.setClaim("auth_time", signIn.at().getEpochSecond());
        claims.setStringListClaim("amr", signIn.methods());
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(0);
        claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        claims.setGeneratedJwtId();

        SigningKeys keys = SigningKeys.current();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.privateKey());
        jws.setKeyIdHeaderValue(keys.keyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return new AccessToken(jws.getCompactSerialization(), lifetime.toSeconds());
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
    }
}
