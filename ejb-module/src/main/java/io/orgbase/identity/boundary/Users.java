package io.orgbase.identity.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.audit.RequestInfo;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.Credentials;
import io.orgbase.identity.control.EmailTokens;
import io.orgbase.identity.control.PasswordHasher;
import io.orgbase.identity.control.PasswordPolicy;
import io.orgbase.identity.control.RefreshTokens;
import io.orgbase.identity.control.SecretThrottle;
import io.orgbase.organization.Membership;
import io.orgbase.organization.Organization;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Contacts;
import io.orgbase.requests.Locales;
import io.orgbase.requests.Patch;
import io.orgbase.tenancy.DatabaseSession;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Platform-wide user accounts. */
@Stateless
@Audited
@AuthenticatedOnly
public class Users {

    @Inject
    AuditTrail trail;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    DatabaseSession session;

    @Inject
    Accounts accounts;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    EmailTokens emailTokens;

    @Inject
    SecretThrottle throttle;

    @Inject
    RequestInfo request;

    /** A user with their memberships, each with its organization. */
    /** The caller, their memberships, and whether their two-factor sign-in is on (confirmed). */
    public record Profile(User user, List<MembershipOf> memberships, boolean twoFactor) {}

    public record MembershipOf(Organization organization, Membership membership) {}

    /**
     * Creates a user account (platform administrators only).
     *
     * @throws Forbidden when the caller is not a platform administrator
     * @throws Conflict when the email is taken
     */
    @PlatformAdminOnly("create users")
    public User create(Caller caller, @Valid NewUser request) {
        return accounts.register(
                request.email(), request.displayName(), request.password(), false, Accounts.VERIFIED_BY_ADMIN);
    }

    /**
     * @throws Forbidden when the caller is not a platform administrator
     * @throws NotFound when no user has this id
     */
    @PlatformAdminOnly("read other users' accounts")
    public User get(Caller caller, UUID id) {
        User user = em.find(User.class, id);
        if (user == null) {
            throw new NotFound("No such user.");
        }
        // a platform administrator looking at someone's account is itself on the record
        trail.record("support-lookup", "user", user.getId(), Map.of("looked-at", "account"));
        return user;
    }

    /** Where a page of a support search ends: the last account's email and id (emails repeat). */
    public record Position(String email, UUID id) {}

    /** A page of accounts found by a support search, and where the next page starts. */
    public record Found(List<User> users, Position next) {}

    /**
     * Accounts whose email or name contains {@code query} (any case), by email, at most {@code
     * limit}, after {@code after} (keyset paging by email and id: unverified accounts may share an
     * email). Every page is recorded with what was searched for and which accounts it showed: a
     * platform administrator's look-ups are audited like their other actions.
     */
    @PlatformAdminOnly("search user accounts")
    public Found search(Caller caller, String query, int limit, Position after) {
        String pattern = "%"
                + query.strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
        List<User> users = em.createQuery(
                        // emails are stored lower-cased (a CHECK keeps them so)
                        "select u from User u where (u.email like :q escape '\\' or lower(u.displayName) like :q"
                                + " escape '\\') and (u.email > :email or (u.email = :email and u.id > :id))"
                                + " order by u.email, u.id",
                        User.class)
                .setParameter("q", pattern)
                .setParameter("email", after == null ? "" : after.email())
                .setParameter("id", after == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : after.id())
                .setMaxResults(limit + 1)
                .getResultList();
        boolean more = users.size() > limit;
        List<User> page = more ? users.subList(0, limit) : users;
        trail.record(
                "support-lookup",
                "user",
                null,
                Map.of(
                        "searched", query.strip(),
                        "page", after == null ? "first" : "after " + after.email(),
                        "shown", page.stream().map(u -> u.getId().toString()).toList()));
        User last = more ? page.get(page.size() - 1) : null;
        return new Found(List.copyOf(page), last == null ? null : new Position(last.getEmail(), last.getId()));
    }

    /**
     * Vouches for the account's email address (it becomes the address's owner) or withdraws that.
     *
     * @throws Forbidden when the caller is not a platform administrator
     * @throws NotFound when no user has this id
     * @throws Conflict when another account owns the address already
     */
    @PlatformAdminOnly("vouch for email addresses")
    public User setEmailVerified(Caller caller, UUID id, boolean verified) {
        User user = em.find(User.class, id);
        if (user == null) {
            throw new NotFound("No such user.");
        }
        if (verified) {
            accounts.verify(user, Accounts.VERIFIED_BY_ADMIN);
        } else if (user.isEmailVerified()) {
            accounts.unverify(user);
        }
        em.flush();
        return user;
    }

    /**
     * Makes an organization the caller's default (what {@code current} means without a subdomain),
     * or clears it with null.
     *
     * @param orgId the organization, already resolved for the caller (so one they may act in), or null
     */
    public Profile setDefaultOrganization(Caller caller, UUID orgId) {
        User user = accounts.caller(caller.userId());
        user.setDefaultOrgId(orgId);
        em.flush();
        return me(caller);
    }

    /**
     * Changes the caller's password and signs them out everywhere else (every refresh token of
     * theirs is revoked; access tokens expire on their own).
     *
     * @throws InvalidInput when the current password is wrong (counted by the sign-in throttle) or
     *     the new one breaks the policy
     * @throws io.orgbase.problems.TooManyRequests while the account or address is locked out
     */
    public void changePassword(Caller caller, String currentPassword, String newPassword) {
        User user = accounts.caller(caller.userId());
        Credentials.requireBoundedPassword("currentPassword", currentPassword);
        // a stolen access token must not become a password-guessing oracle: counted like sign-in
        throttle.check(user.getEmail(), request.clientAddress());
        if (!hasher.matches(currentPassword, user.getPasswordHash())) {
            throttle.recordFailure(user.getEmail(), request.clientAddress());
            trail.record("secret-check-failed", "user", user.getId(), Map.of("operation", "change-password"));
            throw new WrongSecret("currentPassword", "is not your current password");
        }
        throttle.reset(user);
        PasswordPolicy.check("newPassword", newPassword, user.getEmail());
        user.setPasswordHash(hasher.hash(newPassword));
        trail.record("password-changed", "user", user.getId(), Map.of());
        refreshTokens.revokeAll(user.getId());
        // links asked for with the old password (a move to someone's own address) end with it
        emailTokens.revokeAll(user.getId());
    }

    /** The caller's own account, with its profile fields. */
    public User profile(Caller caller) {
        return accounts.caller(caller.userId());
    }

    /**
     * Changes the caller's profile: the fields present in the patch; null clears phone, language,
     * time zone and avatar.
     */
    public User updateProfile(Caller caller, @Valid Patch<ProfileRequest> patch) {
        User user = accounts.caller(caller.userId());
        patch.precondition().check(user);
        ProfileRequest values = patch.values();
        if (patch.has("displayName")) {
            user.setDisplayName(values.displayName().strip());
        }
        if (patch.has("phone")) {
            user.setPhone(Contacts.e164(values.phone()));
        }
        if (patch.has("language")) {
            user.setLanguage(Locales.canonicalLanguageTag(values.language()));
        }
        if (patch.has("timezone")) {
            user.setTimezone(values.timezone());
        }
        if (patch.has("avatarUrl")) {
            user.setAvatarUrl(values.avatarUrl());
        }
        em.flush();
        return user;
    }

    /** @throws NotFound when the caller's account no longer exists */
    public Profile me(Caller caller) {
        User user = accounts.caller(caller.userId());
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
        boolean twoFactor = em.createNamedQuery("TotpCredential.ofUser", io.orgbase.identity.TotpCredential.class)
                .setParameter("user", user.getId())
                .getResultStream()
                .anyMatch(io.orgbase.identity.TotpCredential::isConfirmed);
        return new Profile(user, result, twoFactor);
    }
}
