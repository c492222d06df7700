package io.orgbase.identity.control;

import io.orgbase.access.SignIn;
import io.orgbase.audit.Actor;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.identity.RefreshToken;
import io.orgbase.identity.User;
import io.orgbase.identity.control.TokenIssuer.AccessToken;
import io.orgbase.logging.Logs;
import io.orgbase.problems.Unauthenticated;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rotating refresh tokens, one family per sign-in. Each rotation retires the presented token;
 * presenting a retired token again means it was stolen or replayed, and the whole family (every
 * token descended from that sign-in) is revoked. Runs in the caller's transaction.
 */
@Dependent
public class RefreshTokens {

    @Inject
    AuditTrail trail;

    private static final Logger SECURITY = Logs.get("io.orgbase.security");
    private static final String PREFIX = "obr_";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    TokenIssuer tokens;

    @Inject
    @ConfigProperty(name = "orgbase.refresh.lifetime", defaultValue = "P14D")
    Duration lifetime;

    /** What a client holds after signing in or refreshing. */
    public record SessionTokens(AccessToken access, String refreshToken, long refreshExpiresIn) {}

    /**
     * Starts a new family for a user who just proved who they are, and records the sign-in.
     *
     * @param method how they proved it ({@code password}, {@code second-factor}, {@code oidc})
     */
    public SessionTokens open(User user, String method) {
        return open(user, method, SignIn.methodsOf(method));
    }

    /**
     * Starts a new family, as {@link #open(User, String)}, with the RFC 8176 methods the sign-in used.
     */
    public SessionTokens open(User user, String method, List<String> methods) {
        trail.actAs(Actor.user(user.getId(), user.getEmail()));
        trail.record("login-succeeded", "user", user.getId(), Map.of("method", method));
        OffsetDateTime now = now();
        return issue(user, UUID.randomUUID(), now.plus(lifetime), now, now, String.join(" ", methods));
    }

    /**
     * Exchanges a refresh token for a new pair.
     *
     * @param refused builds the exception for every kind of refusal; it must keep the transaction
     *     committing, so that the revocation of a replayed token's family is kept
     */
    public SessionTokens rotate(String refreshToken, Supplier<? extends Unauthenticated> refused) {
        RefreshToken presented = find(refreshToken);
        OffsetDateTime now = now();
        if (presented == null
                || presented.getRevokedAt() != null
                || !presented.getExpiresAt().isAfter(now)) {
            throw refused.get();
        }
        if (presented.getUsedAt() != null) {
            revokeFamily(presented.getFamilyId(), now);
            trail.record(
                    "session-revoked",
                    "user",
                    presented.getUserId(),
                    Map.of("reason", "a used refresh token was presented again", "family", presented.getFamilyId()));
            SECURITY.warning("refresh token reused; revoked token family " + presented.getFamilyId() + " of user "
                    + presented.getUserId());
            throw refused.get();
        }
        User user = em.find(User.class, presented.getUserId());
        if (user == null) {
            throw refused.get();
        }
        presented.markUsed(now);
        // The new pair carries the sign-in the family began with: refreshing never makes it younger.
        return issue(
                user,
                presented.getFamilyId(),
                presented.getExpiresAt(),
                now,
                presented.getAuthTime(),
                presented.getAmr());
    }

    /** Revokes the family of a token; unknown tokens are ignored. */
    public void revokeFamilyOf(String refreshToken) {
        RefreshToken presented = find(refreshToken);
        if (presented != null) {
            revokeFamily(presented.getFamilyId(), now());
            trail.record(
                    "logout",
                    "user",
                    presented.getUserId(),
                    Map.of("family", presented.getFamilyId()),
                    new Actor(Actor.Kind.USER, presented.getUserId(), null));
        }
    }

    /** Revokes every refresh token of a user. */
    public void revokeAll(UUID userId) {
        trail.record("sessions-revoked", "user", userId, Map.of("reason", "all of the user's sign-ins"));
        em.createNamedQuery("RefreshToken.revokeUser")
                .setParameter("now", now())
                .setParameter("user", userId)
                .executeUpdate();
    }

    private SessionTokens issue(
            User user, UUID family, OffsetDateTime expiresAt, OffsetDateTime now, OffsetDateTime authTime, String amr) {
        String secret = SecretTokens.generate(PREFIX);
        em.persist(new RefreshToken(user.getId(), family, SecretTokens.hash(secret), expiresAt, authTime, amr));
        em.flush();
        SignIn signIn = new SignIn(authTime.toInstant(), SignIn.parse(amr));
        return new SessionTokens(
                tokens.issue(user, signIn),
                secret,
                Duration.between(now, expiresAt).toSeconds());
    }

    /** Locked, so two concurrent refreshes of one token cannot both succeed. */
    private RefreshToken find(String refreshToken) {
        return em.createNamedQuery("RefreshToken.findByHash", RefreshToken.class)
                .setParameter("hash", SecretTokens.hash(refreshToken))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private void revokeFamily(UUID family, OffsetDateTime now) {
        em.createNamedQuery("RefreshToken.revokeFamily")
                .setParameter("now", now)
                .setParameter("family", family)
                .executeUpdate();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
