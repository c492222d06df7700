package io.orgbase.identity.control;

import io.orgbase.identity.MfaChallenge;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The step between a correct password and the second factor. Runs in the caller's transaction. */
@Dependent
public class MfaChallenges {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** Whether the user signs in with a confirmed second factor. */
    public boolean requiredFor(UUID userId) {
        return em.createQuery(
                                "select count(t) from TotpCredential t where t.userId = :user and t.confirmedAt is not null",
                                Long.class)
                        .setParameter("user", userId)
                        .getSingleResult()
                > 0;
    }

    /**
     * Opens a single-use, five-minute challenge; returns the token the client answers it with.
     *
     * @param firstFactor the RFC 8176 methods of the step the user completed ({@code pwd}, or what
     *     the external identity provider did)
     */
    public String open(UUID userId, List<String> firstFactor) {
        String token = SecretTokens.generate("obm_");
        em.persist(new MfaChallenge(
                userId,
                SecretTokens.hash(token),
                OffsetDateTime.now(ZoneOffset.UTC).plus(LIFETIME),
                String.join(" ", firstFactor)));
        em.flush();
        return token;
    }
}
