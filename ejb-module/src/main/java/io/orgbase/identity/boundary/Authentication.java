package io.orgbase.identity.boundary;

import io.orgbase.access.PublicAccess;
import io.orgbase.audit.Actor;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.ExternalIssuer;
import io.orgbase.identity.control.LoginThrottle;
import io.orgbase.identity.control.MfaChallenges;
import io.orgbase.identity.control.PasswordHasher;
import io.orgbase.identity.control.RefreshTokens;
import io.orgbase.identity.control.RefreshTokens.SessionTokens;
import io.orgbase.problems.Unauthenticated;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.logging.Logger;

/** Exchanges credentials for a session (access and refresh token). */
@Stateless
@Audited
@PublicAccess
public class Authentication {

    @Inject
    AuditTrail trail;

    private static final Logger SECURITY = Logger.getLogger("io.orgbase.security");

    @Inject
    Accounts accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    MfaChallenges challenges;

    @Inject
    ExternalIssuer externalIssuer;

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
        throttle.check(email, clientAddress);
        User user = accounts.findByEmail(email).orElse(null);
        if (user == null) {
            hasher.burnTime(password);
        }
        if (user == null || !hasher.matches(password, user.getPasswordHash())) {
            throttle.recordFailure(email, clientAddress);
            SECURITY.info(() -> "sign-in failed from " + clientAddress);
            trail.record(
                    "login-failed",
                    "user",
                    user == null ? null : user.getId(),
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
            throw new MfaRequired(challenges.open(user.getId()));
        }
        throttle.reset(email);
        return refreshTokens.open(user, "password");
    }

    /**
     * Signs in with a token of the trusted external OpenID Connect issuer, for the Orgbase user with
     * the token's (verified) email. The identity provider has authenticated the person, second factor
     * included: Orgbase's own second factor is not asked again.
     *
     * @throws io.orgbase.problems.NotFound when no external issuer is configured
     * @throws io.orgbase.problems.Unauthenticated when the token is not valid, or names no Orgbase user
     */
    public SessionTokens exchange(String externalToken) {
        String email;
        try {
            email = externalIssuer.emailOf(externalToken);
        } catch (Unauthenticated refused) {
            trail.record("login-failed", null, null, Map.of("method", "oidc"));
            throw new CredentialsRejected(refused.getMessage());
        }
        User user = accounts.findByEmail(email).orElse(null);
        if (user == null) {
            trail.record("login-failed", null, null, Map.of("method", "oidc", "email", email));
            throw new CredentialsRejected("No Orgbase account has the email this identity provider vouches for.");
        }
        SECURITY.info(() -> "signed in through the external identity provider: " + user.getId());
        return refreshTokens.open(user, "oidc");
    }
}
