package io.orgbase.identity.control;

import io.orgbase.identity.User;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * User accounts as other parts of Orgbase need them; runs in the caller's transaction.
 *
 * <p>An email address belongs to whoever proves it. A <em>verified</em> account owns its address
 * (one per address): everything that finds an account by email — adding a member, accepting an
 * invitation into an existing account, the external identity provider — finds only the owner. An
 * account created by accepting an invitation is unverified (whoever invited may hold the token), so
 * it merely <em>claims</em> the address: several claims may coexist, each signing in with its own
 * password, until one account is verified; from then on only the owner signs in with the address.
 */
@Dependent
public class Accounts {

    /** How many unverified accounts may claim one address (each costs a password check at sign-in). */
    public static final int MAX_CLAIMS = 5;

    /** How an address was proven. */
    public static final String VERIFIED_BY_ADMIN = "admin";

    /** The lock every change of who holds an address takes shared, and a bulk load exclusively. */
    private static final String ALL_ADDRESSES = "email:*";

    /** An address proven by a link sent to it. */
    public static final String VERIFIED_BY_LINK = "link";

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    DatabaseSession session;

    @Inject
    ExternalIdentities identities;

    @Inject
    EmailTokens emailTokens;

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

    /** The verified account that owns this email (any case, surrounding blanks ignored), if there is one. */
    public Optional<User> owner(String email) {
        return em.createNamedQuery("User.findVerifiedByEmail", User.class)
                .setParameter("email", Emails.normalize(email))
                .getResultStream()
                .findFirst();
    }

    /** Unverified accounts claiming this email, oldest first (at most {@link #MAX_CLAIMS}). */
    private List<User> claims(String normalizedEmail) {
        return em.createNamedQuery("User.unverifiedByEmail", User.class)
                .setParameter("email", normalizedEmail)
                .setMaxResults(MAX_CLAIMS)
                .getResultList();
    }

    /**
     * What a sign-in with an email and password found.
     *
     * @param account the account it signs in to, or null
     * @param attempted the one account the email names (its owner, or its only claim), for the audit
     *     trail of a failure; null when it names none or several
     */
    public record Attempt(User account, User attempted) {}

    /**
     * Which account this email and password sign in to: the owner of the address when it has one,
     * else the unverified claim whose password it is. An unknown email costs one hash check, like
     * an address with one account; an address with several claims costs one per claim.
     */
    public Attempt authenticate(String email, String password) {
        String normalized = Emails.normalize(email);
        Optional<User> owner = owner(normalized);
        List<User> candidates = owner.map(List::of).orElseGet(() -> claims(normalized));
        if (candidates.isEmpty()) {
            hasher.burnTime(password);
        }
        User account = candidates.stream()
                .filter(user -> hasher.matches(password, user.getPasswordHash()))
                .findFirst()
                .orElse(null);
        return new Attempt(account, candidates.size() == 1 ? candidates.get(0) : account);
    }

    /** Whether unverified accounts claim this address. */
    public boolean isClaimed(String email) {
        return !claims(Emails.normalize(email)).isEmpty();
    }

    /**
     * The unverified claim on this address whose password this is, if any (the person who made it
     * is back); never the owner's account.
     */
    public Optional<User> claimWithPassword(String email, String password) {
        return claims(Emails.normalize(email)).stream()
                .filter(user -> hasher.matches(password, user.getPasswordHash()))
                .findFirst();
    }

    /**
     * Creates an account; the password must satisfy the policy.
     *
     * @param verifiedVia how the address was proven ({@link #VERIFIED_BY_ADMIN}…), or null for an
     *     unverified claim
     * @throws io.orgbase.problems.InvalidInput when the password breaks the policy
     * @throws Conflict when a verified account owns the email
     * @throws ClaimsExhausted (unverified) when the address has as many claims as it may
     */
    public User register(String email, String displayName, String password, boolean platformAdmin, String verifiedVia) {
        String normalized = Emails.normalize(email);
        PasswordPolicy.check("password", password, normalized);
        lockAddress(normalized);
        if (owner(normalized).isPresent()) {
            throw new Conflict("A user with this email already exists.");
        }
        if (verifiedVia == null && claims(normalized).size() >= MAX_CLAIMS) {
            throw new ClaimsExhausted();
        }
        User user = new User(normalized, displayName.strip(), hasher.hash(password));
        user.setPlatformAdmin(platformAdmin);
        em.persist(user);
        if (verifiedVia != null) {
            verify(user, verifiedVia);
        }
        em.flush();
        return user;
    }

    /**
     * Makes the account the owner of its address. Unverified claims on the same address can no
     * longer sign in with it, and their sessions end (they were someone else's, or duplicates).
     *
     * @throws Conflict when another account owns the address already
     */
    public void verify(User user, String via) {
        lockAddress(user.getEmail());
        Optional<User> owner =
                owner(user.getEmail()).filter(other -> !other.getId().equals(user.getId()));
        if (owner.isPresent()) {
            throw new Conflict("Another account owns this email address already.");
        }
        if (user.isEmailVerified()) {
            return;
        }
        user.verifyEmail(via, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        claims(user.getEmail()).stream()
                .filter(claim -> !claim.getId().equals(user.getId()))
                .forEach(this::endClaim);
    }

    /** A claim on an address someone else now owns: its sessions and pending links end. */
    private void endClaim(User claim) {
        refreshTokens.revokeAll(claim.getId());
        emailTokens.revokeAll(claim.getId());
    }

    /**
     * Moves the account to a new address it has proven by a link: it owns it from now on, and
     * unverified claims on the address stop signing in with it (their sessions end).
     *
     * @throws Conflict when another account owns the new address already
     */
    public void moveTo(User user, String newEmail) {
        String normalized = Emails.normalize(newEmail);
        lockAddress(normalized);
        if (owner(normalized)
                .filter(other -> !other.getId().equals(user.getId()))
                .isPresent()) {
            throw new Conflict("Another account owns this email address already.");
        }
        user.moveToVerifiedEmail(normalized, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        em.flush();
        claims(normalized).stream()
                .filter(claim -> !claim.getId().equals(user.getId()))
                .forEach(this::endClaim);
    }

    /**
     * Withdraws the account's ownership of its address (a platform administrator's correction): it
     * loses what came with it — its links to the external identity provider, which were made by that
     * address, and its sessions.
     */
    public void unverify(User user) {
        user.unverifyEmail();
        identities.unlinkAll(user.getId());
        refreshTokens.revokeAll(user.getId());
        emailTokens.revokeAll(user.getId());
    }

    /**
     * Accounts of one address are created and verified one at a time (so the claim cap and the one
     * owner hold under concurrency); a transaction-scoped advisory lock.
     */
    private void lockAddress(String normalizedEmail) {
        session.lockShared(ALL_ADDRESSES);
        session.lock("email:" + normalizedEmail);
    }

    /**
     * Takes every address at once until the transaction ends, as one lock (a lock per address does
     * not scale to thousands): no account is registered, verified or moved meanwhile. For loads that
     * create many accounts in one transaction.
     */
    public void lockAllAddresses() {
        session.lock(ALL_ADDRESSES);
    }

    /** Whether any platform administrator exists. */
    public boolean hasPlatformAdmin() {
        return em.createNamedQuery("User.countPlatformAdmins", Long.class).getSingleResult() > 0;
    }
}
