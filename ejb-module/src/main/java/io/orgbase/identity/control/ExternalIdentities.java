package io.orgbase.identity.control;

import io.orgbase.identity.User;
import io.orgbase.persistence.Ids;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Which account a person of the external identity provider is: linked by the provider's subject at
 * the first sign-in, matched by it afterwards (an email can change hands at the provider; its
 * subject cannot). Runs in the caller's transaction.
 */
@Dependent
public class ExternalIdentities {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /**
     * The account linked to this subject of this issuer, if any, while it still owns its address
     * (the link was made by the address).
     */
    public Optional<User> linked(String issuer, String subject) {
        return em.createNativeQuery("select user_id from external_identity where issuer = ?1 and subject = ?2")
                .setParameter(1, issuer)
                .setParameter(2, subject)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultStream()
                .findFirst()
                .map(id -> em.find(User.class, Ids.of(id)))
                .filter(user -> ((User) user).isEmailVerified());
    }

    /** Forgets every link of the account. */
    public void unlinkAll(UUID userId) {
        em.createNativeQuery("delete from external_identity where user_id = ?1")
                .setParameter(1, userId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }

    /** Whether the account is linked to some subject of this issuer already. */
    public boolean hasLink(String issuer, UUID userId) {
        return !em.createNativeQuery("select 1 from external_identity where issuer = ?1 and user_id = ?2")
                .setParameter(1, issuer)
                .setParameter(2, userId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList()
                .isEmpty();
    }

    /**
     * Links the account to the subject.
     *
     * @return false when the subject or the account was linked meanwhile (a concurrent first sign-in)
     */
    public boolean link(String issuer, String subject, UUID userId) {
        return em.createNativeQuery("insert into external_identity (issuer, subject, user_id) values (?1, ?2, ?3)"
                                + " on conflict do nothing")
                        .setParameter(1, issuer)
                        .setParameter(2, subject)
                        .setParameter(3, userId)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .executeUpdate()
                > 0;
    }
}
