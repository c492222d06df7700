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

    /** The account linked to this subject of this issuer, if any. */
    public Optional<User> linked(String issuer, String subject) {
        return em.createNativeQuery("select user_id from external_identity where issuer = ?1 and subject = ?2")
                .setParameter(1, issuer)
                .setParameter(2, subject)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultStream()
                .findFirst()
                .map(id -> em.find(User.class, Ids.of(id)));
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

    /** Links the account to the subject; a concurrent first sign-in of the same subject loses (unique key). */
    public void link(String issuer, String subject, UUID userId) {
        em.createNativeQuery("insert into external_identity (issuer, subject, user_id) values (?1, ?2, ?3)")
                .setParameter(1, issuer)
                .setParameter(2, subject)
                .setParameter(3, userId)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .executeUpdate();
    }
}
