package io.orgbase.identity.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.PublicAccess;
import io.orgbase.audit.Actor;
import io.orgbase.audit.Audited;
import io.orgbase.audit.RequestInfo;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.ActionQuota;
import io.orgbase.identity.control.Credentials;
import io.orgbase.identity.control.EmailTokens;
import io.orgbase.identity.control.EmailTokens.Purpose;
import io.orgbase.identity.control.EmailTokens.Redeemed;
import io.orgbase.identity.control.Emails;
import io.orgbase.identity.control.PasswordHasher;
import io.orgbase.identity.control.PasswordPolicy;
import io.orgbase.identity.control.PasswordResetMailer;
import io.orgbase.identity.control.RefreshTokens;
import io.orgbase.identity.control.SecretThrottle;
import io.orgbase.json.Jsonp;
import io.orgbase.mail.Mailer;
import io.orgbase.mail.Mailer.Mail;
import io.orgbase.messaging.Event;
import io.orgbase.messaging.Outbox;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proving email addresses: verification of one's own address, moving to a new one (proven first,
 * the old one told), and password reset by a link to the owned address. Links are single use and
 * expire; what sends mail is counted per account, per address typed in and per client address.
 */
@Stateless
@Audited
public class EmailOwnership {

    /** Where the links in messages lead: pages that ask before they act (a mail scanner's GET changes nothing). */
    public static final String VERIFY_PAGE = "/account/verify-email?token=";

    public static final String RESET_PAGE = "/account/reset-password?token=";

    /** Messages a signed-in account may trigger per window (verification and address change together). */
    static final int MAILS_PER_ACCOUNT = 3;

    /** Reset requests per address typed in, and per client address, per window. */
    static final int RESETS_PER_EMAIL = 3;

    static final int RESETS_PER_CLIENT = 10;

    @Inject
    AuditTrail trail;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    EmailTokens tokens;

    @Inject
    ActionQuota quota;

    @Inject
    Mailer mailer;

    @Inject
    Outbox outbox;

    @Inject
    PasswordHasher hasher;

    @Inject
    SecretThrottle throttle;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    RequestInfo request;

    @Inject
    Validator validator;

    @Inject
    @ConfigProperty(name = "orgbase.email.verification-lifetime", defaultValue = "PT24H")
    Duration verificationLifetime;

    @Inject
    @ConfigProperty(name = "orgbase.email.reset-lifetime", defaultValue = "PT30M")
    Duration resetLifetime;

    /** What a redeemed verification link did. */
    public record Verified(User user, boolean addressChanged) {}

    /**
     * Sends a verification link to the caller's address.
     *
     * @throws Conflict when the address is verified already
     * @throws io.orgbase.problems.TooManyRequests past {@value #MAILS_PER_ACCOUNT} messages in 15 minutes
     */
    @AuthenticatedOnly
    public void requestVerification(Caller caller) {
        User user = accounts.caller(caller.userId());
        if (user.isEmailVerified()) {
            throw new Conflict("Your email address is verified already.");
        }
        spendAccountMail(user);
        sendVerification(user);
    }

    /**
     * Sends a verification link to an account that has just joined {@code orgId} without proving
     * its address (it accepted with the inviter's copy of the invitation), in that organization's
     * look; runs in the joining transaction, inside that organization.
     */
    @PublicAccess
    public void welcome(UUID userId, UUID orgId) {
        User user = em.find(User.class, userId);
        // at most a few a window per address: joining again and again must not become a mailer
        if (user != null && !user.isEmailVerified() && quota.allow("mail-to:" + user.getEmail(), MAILS_PER_ACCOUNT)) {
            sendVerification(user, orgId);
        }
    }

    private void sendVerification(User user) {
        sendVerification(user, null);
    }

    private void sendVerification(User user, UUID orgId) {
        String token = tokens.issue(user.getId(), Purpose.VERIFY, user.getEmail(), verificationLifetime);
        mailer.queue(new Mail(
                "email-verification",
                user.getEmail(),
                user.getId(),
                orgId,
                languages(user),
                Map.of(
                        "name", user.getDisplayName(),
                        "email", user.getEmail(),
                        "link", mailer.link(VERIFY_PAGE + token),
                        "hours", verificationLifetime.toHours())));
        trail.record("email-verification-sent", "user", user.getId(), Map.of());
    }

    /**
     * Asks to move the caller's account to another address: a link goes to the new address, and
     * nothing changes until it is used. The answer is the same whether or not another account owns
     * the new address (that shows when the link is used).
     *
     * @throws InvalidInput when the address is not one, is the current one, or the password is wrong
     *     (counted by the sign-in throttle)
     * @throws io.orgbase.problems.TooManyRequests past the account's message quota or the lock-out
     */
    @AuthenticatedOnly
    public void requestChange(Caller caller, String newEmail, String password) {
        User user = accounts.caller(caller.userId());
        validator.validateValue(NewUser.class, "email", newEmail).stream()
                .findFirst()
                .ifPresent(problem -> {
                    throw InvalidInput.field("email", problem.getMessage());
                });
        Credentials.requireBoundedPassword("password", password);
        throttle.check(user.getEmail(), request.clientAddress());
        if (!hasher.matches(password, user.getPasswordHash())) {
            throttle.recordFailure(user.getEmail(), request.clientAddress());
            trail.record("secret-check-failed", "user", user.getId(), Map.of("operation", "change-email"));
            throw new WrongSecret("password", "is not your current password");
        }
        String normalized = Emails.normalize(newEmail);
        if (normalized.equals(user.getEmail())) {
            throw InvalidInput.field("email", "is your current address");
        }
        spendAccountMail(user);
        String token = tokens.issue(user.getId(), Purpose.CHANGE, normalized, verificationLifetime);
        mailer.queue(new Mail(
                "email-change",
                normalized,
                user.getId(),
                null,
                languages(user),
                Map.of(
                        "name", user.getDisplayName(),
                        "email", normalized,
                        "link", mailer.link(VERIFY_PAGE + token),
                        "hours", verificationLifetime.toHours())));
        trail.record("email-change-requested", "user", user.getId(), Map.of("email", normalized));
    }

    /**
     * The address a verification link was sent to, while it can be used (for the page that asks
     * for the password), else empty.
     */
    @PublicAccess
    public java.util.Optional<String> addressOf(String token) {
        return tokens.peek(token, Purpose.VERIFY, Purpose.CHANGE).map(Redeemed::email);
    }

    /**
     * Uses a verification link: the account owns its address from now on, or (a link sent to a new
     * address) moves to that address and the old one is told. Both the mailbox (the link) and the
     * account (its password) must be the caller's: otherwise whoever holds an account could have
     * someone else's address confirmed for it by a click on a plausible message.
     *
     * @throws NotFound when the link is unknown, used or expired, or the account's address changed
     *     since it was sent (one answer for all)
     * @throws InvalidInput when the password is not the account's (counted like a sign-in; the
     *     link stays usable)
     * @throws Conflict when another account owns the address by now
     */
    @PublicAccess
    public Verified verify(String token, String password) {
        Credentials.requireBoundedPassword("password", password);
        Redeemed link = tokens.peek(token, Purpose.VERIFY, Purpose.CHANGE).orElseThrow(EmailOwnership::unknownLink);
        User user = em.find(User.class, link.userId());
        if (user == null || (link.purpose() == Purpose.VERIFY && !link.email().equals(user.getEmail()))) {
            throw unknownLink();
        }
        throttle.check(user.getEmail(), request.clientAddress());
        if (password == null || !hasher.matches(password, user.getPasswordHash())) {
            throttle.recordFailure(user.getEmail(), request.clientAddress());
            trail.record(
                    "secret-check-failed",
                    "user",
                    user.getId(),
                    Map.of("operation", "verify-email"),
                    Actor.user(user.getId(), user.getEmail()));
            throw new WrongSecret("password", "is not the password of the account this address is for");
        }
        if (tokens.redeem(token, link.purpose()).isEmpty()) {
            throw unknownLink(); // used meanwhile
        }
        throttle.reset(user);
        trail.actAs(Actor.user(user.getId(), user.getEmail()));
        if (link.purpose() == Purpose.VERIFY) {
            accounts.verify(user, Accounts.VERIFIED_BY_LINK);
            em.flush();
            return new Verified(user, false);
        }
        String old = user.getEmail();
        accounts.moveTo(user, link.email());
        tokens.revoke(user.getId(), Purpose.VERIFY, Purpose.CHANGE, Purpose.RESET);
        trail.record("email-changed", "user", user.getId(), Map.of("from", old, "to", user.getEmail()));
        mailer.queue(new Mail(
                "email-changed",
                old,
                user.getId(),
                null,
                languages(user),
                Map.of("name", user.getDisplayName(), "email", user.getEmail())));
        return new Verified(user, true);
    }

    /**
     * Asks for a password reset link. The answer never tells whether the address has an account:
     * the request is only recorded here (the same work either way), and a consumer sends the link
     * to the address's verified owner, if there is one.
     *
     * @throws InvalidInput when {@code email} is too long to be an address
     * @throws io.orgbase.problems.TooManyRequests past {@value #RESETS_PER_EMAIL} requests for one
     *     address or {@value #RESETS_PER_CLIENT} from one client address in 15 minutes
     */
    @PublicAccess
    public void requestPasswordReset(String email, String clientAddress) {
        Credentials.requireBounded(email, "");
        String normalized = Emails.normalize(email);
        quota.spend("reset-client:" + clientAddress, RESETS_PER_CLIENT, "Too many password reset requests.");
        quota.spend("reset:" + normalized, RESETS_PER_EMAIL, "Too many password reset requests.");
        outbox.publish(new Event(
                Ids.newId(),
                PasswordResetMailer.TYPE,
                null,
                Actor.ANONYMOUS.kind().key(),
                null,
                Actor.ANONYMOUS.label(),
                Instant.now(),
                Jsonp.PROVIDER
                        .createObjectBuilder()
                        .add("email", normalized)
                        .add("clientAddress", clientAddress == null ? "" : clientAddress)
                        .build()));
    }

    /**
     * Sends a reset link to the verified owner of {@code email}, if there is one (the consumer of
     * reset requests calls this). Unverified accounts get none: an address no one has proven could
     * be anyone's, and a link would hand over whichever account claimed it first.
     */
    @PublicAccess
    public void sendPasswordReset(String email, String clientAddress) {
        accounts.owner(email).ifPresent(user -> {
            String token = tokens.issue(user.getId(), Purpose.RESET, user.getEmail(), resetLifetime);
            mailer.queue(new Mail(
                    "password-reset",
                    user.getEmail(),
                    user.getId(),
                    null,
                    languages(user),
                    Map.of(
                            "name", user.getDisplayName(),
                            "email", user.getEmail(),
                            "link", mailer.link(RESET_PAGE + token),
                            "minutes", resetLifetime.toMinutes())));
            trail.record(
                    "password-reset-requested",
                    "user",
                    user.getId(),
                    Map.of("clientAddress", clientAddress == null ? "" : clientAddress),
                    Actor.ANONYMOUS);
        });
    }

    /**
     * Uses a reset link: the account gets the new password, every sign-in of it ends (refresh
     * tokens revoked; access tokens expire on their own), lock-outs of the account are lifted, and
     * the address is told. Two-factor sign-in stays as it was.
     *
     * @throws NotFound when the link is unknown, used or expired, or the account's address changed
     *     since it was sent
     * @throws InvalidInput when the password breaks the policy (the link stays usable)
     */
    @PublicAccess
    public User resetPassword(String token, String newPassword) {
        Credentials.requireBoundedPassword("password", newPassword);
        Redeemed link = tokens.redeem(token, Purpose.RESET).orElseThrow(EmailOwnership::unknownLink);
        User user = em.find(User.class, link.userId());
        if (user == null || !user.isEmailVerified() || !link.email().equals(user.getEmail())) {
            throw unknownLink();
        }
        PasswordPolicy.check("password", newPassword, user.getEmail());
        trail.actAs(Actor.user(user.getId(), user.getEmail()));
        user.setPasswordHash(hasher.hash(newPassword));
        // every pending link ends: one asked for by whoever had the old password included
        tokens.revokeAll(user.getId());
        throttle.reset(user);
        refreshTokens.revokeAll(user.getId());
        trail.record("password-reset", "user", user.getId(), Map.of());
        mailer.queue(new Mail(
                "password-changed",
                user.getEmail(),
                user.getId(),
                null,
                languages(user),
                Map.of("name", user.getDisplayName(), "email", user.getEmail())));
        em.flush();
        return user;
    }

    private void spendAccountMail(User user) {
        quota.spend(
                "mail-account:" + user.getId(),
                MAILS_PER_ACCOUNT,
                "Too many messages asked for; wait a few minutes before asking again.");
    }

    private static List<String> languages(User user) {
        List<String> languages = new ArrayList<>();
        if (user.getLanguage() != null) {
            languages.add(user.getLanguage());
        }
        return languages;
    }

    private static NotFound unknownLink() {
        return new NotFound("No such link, or it was used or has expired.");
    }
}
