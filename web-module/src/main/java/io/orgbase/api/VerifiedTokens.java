package io.orgbase.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.orgbase.access.Caller;
import io.orgbase.identity.control.SigningKeys;
import io.orgbase.problems.Unauthenticated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A token verified once is not verified again until it expires. Payara's MicroProfile JWT checks
 * every request's token from scratch (the RS256 signature, the Base64 of every part, the public key
 * rebuilt from its PEM): a third of a cached read's CPU. This identity store is consulted before
 * Payara's ({@link #priority()} 10 against its 100) and answers for a token it has seen pass:
 *
 * <ul>
 *   <li>An entry is made only by {@link #admit}, after the container verified the token (signature,
 *       issuer, audience, expiry) and the {@link TokenPolicy} passed it; a token not seen before is
 *       left to Payara ({@code NOT_VALIDATED}), so a refused token is never answered from here.
 *   <li>Keyed by the SHA-256 of the exact token text: no other string finds the entry, and nothing
 *       about a stored token can be learnt from how long a lookup takes.
 *   <li>An entry lives until the token's {@code exp}, no longer (Payara allows 60 s of clock skew
 *       beyond it; this cache does not), and is used only while the token's key id is one of the
 *       instance's keys (loaded once per start, so this is a safeguard: a key is retired by a
 *       restart, which empties the cache anyway).
 *   <li>One signed token has one text: the policy refuses any other spelling of its parts (Payara's
 *       Base64 decoding skips stray characters), so a token holder cannot fill the cache with
 *       variants of one token. The cache is bounded by the size of what it holds besides.
 * </ul>
 *
 * What a token grants is not cached here: membership, roles, suspension and sign-in policy are
 * checked for every request after this (the access cache, generation-checked). On WildFly
 * SmallRye's mechanism verifies tokens itself and asks identity stores only for groups ({@link
 * #getCallerGroups}: none from here); this store is never asked to validate there, and {@link
 * #admit} stores nothing until it has been. {@code ORGBASE_TOKEN_CACHE=false} turns it off.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityStore {

    /** Payara's credential class for a bearer token (its {@code getSignedJWT()} is the text). */
    static final String PAYARA_CREDENTIAL = "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTCredential";

    /**
     * What the entries may weigh, counted as twice each token's length (its text, and its claims
     * parsed) plus 1 KB: about 8,000 entries of Orgbase's tokens (under 1,000 characters), 24 MB.
     */
    static final long MAXIMUM_WEIGHT = 24L * 1024 * 1024;

    private static final ClassValue<MethodHandle> TOKEN_TEXT = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup()
                        .findVirtual(type, "getSignedJWT", MethodType.methodType(String.class));
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
    };

    private record Verified(CredentialValidationResult result, long expiresAt, String keyId, int length) {}

    private final Cache<ByteBuffer, Verified> verified = Caffeine.newBuilder()
            .maximumWeight(MAXIMUM_WEIGHT)
            .weigher((ByteBuffer key, Verified value) -> 2 * value.length() + 1024)
            .expireAfter(new Expiry<ByteBuffer, Verified>() {
                @Override
                public long expireAfterCreate(ByteBuffer key, Verified value, long ticks) {
                    long seconds = value.expiresAt() - now.getAsLong();
                    return TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
                }

                @Override
                public long expireAfterUpdate(ByteBuffer key, Verified value, long ticks, long current) {
                    return expireAfterCreate(key, value, ticks);
                }

                @Override
                public long expireAfterRead(ByteBuffer key, Verified value, long ticks, long current) {
                    return current;
                }
            })
            .build();

    /**
     * The caller of each token this store verified, by the token object's identity: Payara hands
     * the object of this store's answer to every request that sends the same token, so such a
     * request needs no second digest in {@link #admit} and no claims read again in {@link
     * #callerOf} (together 2–3% of an item read's CPU). Only objects admitted here are keys, so
     * being one is proof of having passed the policy. Weak keys: an entry goes with its token
     * object, which its entry in {@link #verified} keeps (as the result's caller principal) until
     * the token expires.
     */
    private final Cache<JsonWebToken, Caller> callers =
            Caffeine.newBuilder().weakKeys().build();

    @Inject
    @ConfigProperty(name = "orgbase.token-cache", defaultValue = "true")
    boolean enabled;

    /** The time in epoch seconds, what a token's {@code exp} is compared with (a test sets it). */
    LongSupplier now = () -> Instant.now().getEpochSecond();

    /** Set once this runtime asks identity stores about bearer tokens (Payara, not WildFly). */
    private volatile boolean consulted;

    @Override
    public int priority() {
        return 10;
    }

    /**
     * Groups come with a validation this store answers (it declares both validation types, so that
     * Payara's handler takes them from the result); asked for groups alone, it has none to add.
     */
    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        return Set.of();
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        String text = enabled ? tokenText(credential) : null;
        if (text == null) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (!consulted) {
            consulted = true;
        }
        Verified hit = verified.getIfPresent(digest(text));
        if (hit == null
                || hit.expiresAt() <= now.getAsLong()
                || !SigningKeys.current().keyIds().contains(hit.keyId())) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return hit.result();
    }

    /**
     * The container verified this token for the current request: check the {@link TokenPolicy}
     * (unless this very token object came from here, having passed it before) and remember it.
     *
     * @throws io.orgbase.problems.Unauthenticated when the policy refuses it
     */
    public void admit(JsonWebToken token) {
        if (enabled && callers.getIfPresent(token) != null) {
            return; // this very object passed here before
        }
        String text = token.getRawToken();
        if (!enabled || !consulted || text == null) {
            TokenPolicy.check(text);
            return;
        }
        ByteBuffer key = digest(text);
        String keyId = TokenPolicy.check(text);
        long expiresAt = token.getExpirationTime();
        // Payara's token is a CallerPrincipal; what is not (another runtime's) is not remembered
        if (token instanceof CallerPrincipal principal && expiresAt > now.getAsLong()) {
            Set<String> groups = token.getGroups() == null ? Set.of() : new HashSet<>(token.getGroups());
            verified.put(
                    key,
                    new Verified(new CredentialValidationResult(principal, groups), expiresAt, keyId, text.length()));
            try {
                callers.put(token, Callers.of(token));
            } catch (Unauthenticated namesNoUser) {
                // not remembered: every request with it is refused where it needs its caller
            }
        }
    }

    /**
     * The user a verified token names: remembered for a token object this store admitted, read
     * from the claims otherwise.
     *
     * @throws Unauthenticated when it names none
     */
    public Caller callerOf(JsonWebToken token) {
        Caller known = callers.getIfPresent(token);
        return known != null ? known : Callers.of(token);
    }

    /** How many verified tokens this server holds (approximately). */
    public long size() {
        return verified.estimatedSize();
    }

    private static String tokenText(Credential credential) {
        if (credential == null
                || !PAYARA_CREDENTIAL.equals(credential.getClass().getName())) {
            return null;
        }
        MethodHandle getter = TOKEN_TEXT.get(credential.getClass());
        if (getter == null) {
            return null;
        }
        try {
            return (String) getter.invoke(credential);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) { // a getter declares no checked exception: cannot happen
            throw new IllegalStateException(e);
        }
    }

    private static ByteBuffer digest(String text) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
