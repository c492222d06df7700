package io.orgbase.identity.control;

import io.orgbase.logging.Logs;
import io.orgbase.problems.NotFound;
import io.orgbase.problems.Unauthenticated;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.http.Get;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * An external OpenID Connect issuer whose tokens Orgbase trusts, when configured: issuer, JWKS
 * location and the audience Orgbase's client has there. Its tokens are verified like Orgbase's own
 * (asymmetric signature by a key of the issuer's JWKS, issuer, audience, expiry, 60 s clock skew, no
 * header pointing at another key) and name a person by their subject and a verified email.
 */
@ApplicationScoped
public class ExternalIssuer {

    private static final Logger LOG = Logs.get(ExternalIssuer.class);
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("jku", "x5u", "jwk", "x5c");
    private static final int TIMEOUT_MILLIS = 5_000;

    @Inject
    @ConfigProperty(name = "orgbase.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "orgbase.oidc.jwks-url")
    Optional<String> jwksUrl;

    @Inject
    @ConfigProperty(name = "orgbase.oidc.audience")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "orgbase.oidc.email-claim", defaultValue = "email")
    String emailClaim;

    @Inject
    @ConfigProperty(name = "orgbase.oidc.jwks-refresh-min-interval", defaultValue = "PT5S")
    Duration refreshInterval;

    /**
     * {@code acr} values, comma-separated, that mean the provider used several factors (none by
     * default). Read as one string: Payara's CDI cannot inject {@code Optional<List<String>>}.
     */
    @Inject
    @ConfigProperty(name = "orgbase.oidc.mfa-acr-values")
    Optional<String> multiFactorAcrValues;

    private Set<String> multiFactorAcr = Set.of();

    private JwtConsumer consumer;

    /** The settings, checked together: all three or none. */
    record Settings(String issuer, String jwksUrl, String audience) {

        /**
         * @return empty when external sign-in is off
         * @throws IllegalStateException naming what is missing or unsafe
         */
        static Optional<Settings> of(Optional<String> issuer, Optional<String> jwksUrl, Optional<String> audience) {
            if (issuer.isEmpty() && jwksUrl.isEmpty() && audience.isEmpty()) {
                return Optional.empty();
            }
            if (issuer.isEmpty() || jwksUrl.isEmpty() || audience.isEmpty()) {
                throw new IllegalStateException("ORGBASE_OIDC_ISSUER, ORGBASE_OIDC_JWKS_URL and ORGBASE_OIDC_AUDIENCE"
                        + " go together (the audience keeps tokens meant for other applications out)");
            }
            requireSafeLocation(jwksUrl.get());
            return Optional.of(new Settings(issuer.get(), jwksUrl.get(), audience.get()));
        }

        /** HTTPS, or plain HTTP to this machine only: keys must not travel unauthenticated. */
        private static void requireSafeLocation(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("ORGBASE_OIDC_JWKS_URL is not a URL: " + url, e);
            }
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            String host = Optional.ofNullable(uri.getHost()).orElse("");
            boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                throw new IllegalStateException(
                        "ORGBASE_OIDC_JWKS_URL must be https (plain http only to localhost): " + url);
            }
        }
    }

    @PostConstruct
    void configure() {
        multiFactorAcr = multiFactorAcrValues.stream()
                .flatMap(values -> Arrays.stream(values.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        Settings settings = Settings.of(issuer, jwksUrl, audience).orElse(null);
        if (settings == null) {
            return;
        }
        Get get = new Get();
        get.setConnectTimeout(TIMEOUT_MILLIS);
        get.setReadTimeout(TIMEOUT_MILLIS);
        HttpsJwks jwks = new HttpsJwks(settings.jwksUrl());
        jwks.setSimpleHttpGet(get);
        // an unknown key id refetches the key set (the issuer rotated), but not more often than this
        jwks.setRefreshReprieveThreshold(refreshInterval.toMillis());
        consumer = new JwtConsumerBuilder()
                .setExpectedIssuer(settings.issuer())
                .setExpectedAudience(settings.audience())
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(60)
                .setIssuedAtRestrictions(60, Integer.MAX_VALUE)
                .setJwsAlgorithmConstraints(
                        ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256,
                        AlgorithmIdentifiers.RSA_USING_SHA384,
                        AlgorithmIdentifiers.RSA_USING_SHA512,
                        AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .build();
        LOG.info(() -> "trusting tokens of " + settings.issuer() + " for audience " + settings.audience()
                + " (keys from " + settings.jwksUrl() + ")");
    }

    /** Checks the settings while the application starts: a half-configured trust must not deploy. */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // being created for this call ran configure(), which throws on bad settings
    }

    /**
     * Who a token of the trusted issuer names, as that issuer vouches for it.
     *
     * @param subject the issuer's stable id of the person ({@code sub})
     * @param email the address, verified by the issuer (a token without {@code email_verified: true}
     *     is refused)
     * @param methods the issuer's own {@code amr} values
     * @param multiFactor whether the issuer says it used several factors: {@code mfa} in its {@code
     *     amr}, or an {@code acr} the operator declared multi-factor
     */
    public record Identity(String issuer, String subject, String email, List<String> methods, boolean multiFactor) {}

    /**
     * @throws NotFound when no external issuer is configured
     * @throws Unauthenticated when the token is not a valid token of the issuer for Orgbase, or does
     *     not vouch for a verified email
     */
    public Identity identify(String token) {
        if (consumer == null) {
            throw new NotFound("Sign-in with an external identity provider is not configured.");
        }
        try {
            JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(token);
            if (FORBIDDEN_HEADERS.stream().anyMatch(h -> jws.getHeaders().getObjectHeaderValue(h) != null)) {
                throw refused();
            }
            JwtClaims claims = consumer.processToClaims(token);
            // a missing email_verified says nothing: only an explicit true proves the address
            Object verified = claims.getClaimValue("email_verified");
            if (!(Boolean.TRUE.equals(verified) || "true".equals(verified))) {
                throw refused();
            }
            String email = claims.getStringClaimValue(emailClaim);
            String subject = claims.getSubject();
            if (email == null
                    || email.isBlank()
                    || email.length() > Credentials.MAX_EMAIL_LENGTH
                    || subject == null
                    || subject.isBlank()
                    || subject.length() > 255
                    || (email + subject).chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw refused();
            }
            List<String> methods = claims.hasClaim("amr") ? claims.getStringListClaimValue("amr") : List.of();
            String acr = claims.hasClaim("acr") ? claims.getStringClaimValue("acr") : null;
            boolean multiFactor = methods.contains("mfa") || (acr != null && multiFactorAcr.contains(acr));
            return new Identity(claims.getIssuer(), subject, Emails.normalize(email), methods, multiFactor);
        } catch (InvalidJwtException | JoseException | MalformedClaimException | ClassCastException e) {
            LOG.fine(() -> "external token refused: " + e.getMessage());
            throw refused();
        }
    }

    private static Unauthenticated refused() {
        return new Unauthenticated("The identity provider's token is not valid here.");
    }
}
