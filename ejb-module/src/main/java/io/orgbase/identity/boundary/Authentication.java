package io.orgbase.identity.boundary;

import io.orgbase.access.PublicAccess;
import io.orgbase.access.SignIn;
import io.orgbase.audit.Actor;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.Credentials;
import io.orgbase.identity.control.ExternalIdentities;
import io.orgbase.identity.control.ExternalIssuer;
import io.orgbase.identity.control.MfaChallenges;
import io.orgbase.identity.control.RefreshTokens;
import io.orgbase.identity.control.RefreshTokens.SessionTokens;
import io.orgbase.identity.control.SecretThrottle;
import io.orgbase.logging.Logs;
import io.orgbase.problems.Unauthenticated;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** Exchanges credentials for a session (access and refresh token). */
@Stateless
@Audited
@PublicAccess
public class Authentication {

    @Inject
    AuditTrail trail;

    private static final Logger SECURITY = Logs.get("io.orgbase.security");

    @Inject
    Accounts accounts;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    SecretThrottle throttle;

    @Inject
    MfaChallenges challenges;

    @Inject
    ExternalIssuer externalIssuer;

    @Inject
    ExternalIdentities identities;

    /**
     * Signs a user in. Failed attempts are counted per account and per client address; past the
     * limit, attempts are refused before the password is even checked.
     *
     * @return an access token and the first refresh token of a new family
     * @throws CredentialsRejected with the same message whether the email is unknown or the
     *     password wrong (the failure is counted)
     * @throws io.orgbase.problems.TooManyRequests while the account or address is locked out
     * @throws MfaRequired when the account has a second factor (the challenge token is in it)
     */
    public SessionTokens login(String email, String password, String clientAddress) {
        Credentials.requireBounded(email, password);
        throttle.check(email, clientAddress);
        Accounts.Attempt attempt = accounts.authenticate(email, password);
        User user = attempt.account();
        if (user == null) {
            throttle.recordFailure(email, clientAddress);
            SECURITY.info(() -> "sign-in failed from " + clientAddress);
            trail.record(
                    "login-failed",
                    "user",
                    attempt.attempted() == null ? null : attempt.attempted().getId(),
                    Map.of("method", "password", "email", email));
            throw new CredentialsRejected("Email or password is wrong.");
        }
        if (challenges.requiredFor(user.getId())) {
            // the failure count is cleared only when the second factor is right too: a stolen
            // password must not buy fresh rounds of code guessing
            trail.record(
                    "login-second-factor-required",
                    "user",
                    user.getId(),
                    Map.of(),
                    Actor.user(user.getId(), user.getEmail()));
            throw new MfaRequired(challenges.open(user.getId(), SignIn.methodsOf("password")));
        }
        throttle.reset(user);
        return refreshTokens.open(user, "password");
    }

    /**
     * Signs in with a token of the trusted external OpenID Connect issuer. The person is matched by
     * the provider's subject once linked; the first time, by the address the provider verified, and
     * only to the account that owns it (a verified account): an unverified account is never bound.
     * The session claims a second factor only when the provider says it used one; otherwise an
     * account with Orgbase's TOTP on is asked for a code as after a password.
     *
     * @throws io.orgbase.problems.NotFound when no external issuer is configured
     * @throws io.orgbase.problems.Unauthenticated when the token is not valid, or names no Orgbase
     *     account
     * @throws MfaRequired when Orgbase's own second factor is needed
     */
    public SessionTokens exchange(String externalToken) {
        ExternalIssuer.Identity identity;
        try {
            identity = externalIssuer.identify(externalToken);
        } catch (Unauthenticated refused) {
            trail.record("login-failed", null, null, Map.of("method", "oidc"));
            throw new CredentialsRejected(refused.getMessage());
        }
        User user = identities.linked(identity.issuer(), identity.subject()).orElseGet(() -> firstLink(identity));
        if (user == null) {
            trail.record("login-failed", null, null, Map.of("method", "oidc", "email", identity.email()));
            throw new CredentialsRejected("No Orgbase account has the email this identity provider vouches for.");
        }
        List<String> methods = SignIn.external(identity.methods(), identity.multiFactor());
        if (!identity.multiFactor() && challenges.requiredFor(user.getId())) {
            trail.record(
                    "login-second-factor-required",
                    "user",
                    user.getId(),
                    Map.of("method", "oidc"),
                    Actor.user(user.getId(), user.getEmail()));
            throw new MfaRequired(challenges.open(user.getId(), methods));
        }
        SECURITY.info(() -> "signed in through the external identity provider: " + user.getId());
        return refreshTokens.open(user, "oidc", methods);
    }

    /** The verified owner of the identity's address, now linked to its subject; null when there is none. */
    private User firstLink(ExternalIssuer.Identity identity) {
        User owner = accounts.owner(identity.email()).orElse(null);
        if (owner == null || identities.hasLink(identity.issuer(), owner.getId())) {
            // another subject of this provider is linked to the account already: not this person
            return null;
        }
        if (!identities.link(identity.issuer(), identity.subject(), owner.getId())) {
            // a concurrent first sign-in linked it: whatever it linked is the answer now
            return identities
                    .linked(identity.issuer(), identity.subject())
                    .filter(linked -> linked.getId().equals(owner.getId()))
                    .orElse(null);
        }
        trail.record(
                "external-identity-linked",
                "user",
                owner.getId(),
                Map.of("issuer", identity.issuer(), "subject", identity.subject()),
                Actor.user(owner.getId(), owner.getEmail()));
        return owner;
    }
}
