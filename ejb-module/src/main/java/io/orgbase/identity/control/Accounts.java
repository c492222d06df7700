package io.orgbase.identity.control;

import io.orgbase.identity.User;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.NotFound;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/** User accounts as other parts of Orgbase need them; runs in the caller's transaction. */
@Dependent
public class Accounts {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    /**
     * The caller's own account.
     *
     * @throws NotFound when it was deleted while their token was still valid
     */
    public User caller(UUID userId) {
        User user = em.find(User.class, userId);
        if (user == null) {
            throw new NotFound("Your account no longer exists.");
        }
        return user;
    }

    /** The user with this email (any case, surrounding blanks ignored), if there is one. */
    public Optional<User> findByEmail(String email) {
        return em.createNamedQuery("User.findByEmail", User.class)
                .setParameter("email", Emails.normalize(email))
                .getResultStream()
                .findFirst();
    }

    /**
     * Creates an account; the password must satisfy the policy.
     *
     * @throws io.orgbase.problems.InvalidInput when the password breaks the policy
     * @throws Conflict when the email is taken
     */
    public User register(String email, String displayName, String password, boolean platformAdmin) {
        String normalized = Emails.normalize(email);
        PasswordPolicy.check("password", password, normalized);
        if (findByEmail(normalized).isPresent()) {
            throw new Conflict("A user with this email already exists.");
        }
        User user = new User(normalized, displayName.strip(), hasher.hash(password));
        user.setPlatformAdmin(platformAdmin);
        em.persist(user);
        em.flush();
        return user;
    }

    /** Whether any platform administrator exists. */
    public boolean hasPlatformAdmin() {
        return em.createNamedQuery("User.countPlatformAdmins", Long.class).getSingleResult() > 0;
    }
}
