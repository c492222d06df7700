package io.orgbase.identity.boundary;

import io.orgbase.access.Caller;
import io.orgbase.identity.User;
import io.orgbase.identity.control.PasswordHasher;
import io.orgbase.identity.control.PasswordPolicy;
import io.orgbase.organization.Membership;
import io.orgbase.organization.Organization;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Platform-wide user accounts. */
@Stateless
public class Users {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    DatabaseSession session;

    /** A user with their memberships, each with its organization. */
    public record Profile(User user, List<MembershipOf> memberships) {}

    public record MembershipOf(Organization organization, Membership membership) {}

    /**
     * Creates a user account (platform administrators only).
     *
     * @throws Forbidden when the caller is not a platform administrator
     * @throws Conflict when the email is taken
     */
    public User create(Caller caller, @Valid NewUser request) {
        if (!caller.platformAdmin()) {
            throw new Forbidden("Only platform administrators create users.");
        }
        return register(request.email(), request.displayName(), request.password(), false);
    }

    /**
     * @throws Forbidden when the caller is not a platform administrator
     * @throws NotFound when no user has this id
     */
    public User get(Caller caller, UUID id) {
        if (!caller.platformAdmin()) {
            throw new Forbidden("Only platform administrators read other users' accounts.");
        }
        User user = em.find(User.class, id);
        if (user == null) {
            throw new NotFound("No such user.");
        }
        return user;
    }

    /** Creates an account without a caller check; for start-up bootstrap and trusted flows. */
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

    /** @throws NotFound when the caller's account no longer exists */
    public Profile me(Caller caller) {
        User user = em.find(User.class, caller.userId());
        if (user == null) {
            throw new NotFound("Your account no longer exists.");
        }
        session.enterUser(user.getId());
        List<Membership> memberships = em.createNamedQuery("Membership.ofUser", Membership.class)
                .setParameter("userId", user.getId())
                .getResultList();
        Map<UUID, Organization> organizations = memberships.isEmpty()
                ? Map.of()
                : em.createQuery("select o from Organization o where o.id in :ids", Organization.class)
                        .setParameter(
                                "ids",
                                memberships.stream().map(Membership::getOrgId).toList())
                        .getResultStream()
                        .collect(Collectors.toMap(Organization::getId, Function.identity()));
        List<MembershipOf> result = memberships.stream()
                .map(m -> new MembershipOf(organizations.get(m.getOrgId()), m))
                .sorted((a, b) ->
                        a.organization().getSlug().compareTo(b.organization().getSlug()))
                .toList();
        return new Profile(user, result);
    }

    /** The user with this email (any case, surrounding blanks ignored), if there is one. */
    public Optional<User> findByEmail(String email) {
        return em.createNamedQuery("User.findByEmail", User.class)
                .setParameter("email", Emails.normalize(email))
                .getResultStream()
                .findFirst();
    }

    /** Whether any platform administrator exists. */
    public boolean hasPlatformAdmin() {
        return em.createNamedQuery("User.countPlatformAdmins", Long.class).getSingleResult() > 0;
    }
}
