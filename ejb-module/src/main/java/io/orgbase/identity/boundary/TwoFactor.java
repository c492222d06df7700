package io.orgbase.identity.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.PublicAccess;
import io.orgbase.access.SignIn;
import io.orgbase.audit.Audited;
import io.orgbase.audit.RequestInfo;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.identity.MfaChallenge;
import io.orgbase.identity.RecoveryCode;
import io.orgbase.identity.TotpCredential;
import io.orgbase.identity.User;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.Credentials;
import io.orgbase.identity.control.PasswordHasher;
import io.orgbase.identity.control.RefreshTokens;
import io.orgbase.identity.control.RefreshTokens.SessionTokens;
import io.orgbase.identity.control.SecretThrottle;
import io.orgbase.identity.control.SecretTokens;
import io.orgbase.identity.control.Totp;
import io.orgbase.identity.control.TotpSecrets;
import io.orgbase.logging.Logs;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * TOTP second factor: enrolment (secret, otpauth URI, QR code), confirmation with a first code
 * (which hands out ten single-use recovery codes), disabling with password and code, and the
 * second step of signing in.
 */
@Stateless
@Audited
public class TwoFactor {

    @Inject
    AuditTrail trail;

    private static final Logger SECURITY = Logs.get("io.orgbase.security");
    private static final int MAX_CODE_FAILURES = 5;
    private static final int RECOVERY_CODES = 10;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    Totp totp;

    @Inject
    Accounts accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    SecretThrottle throttle;

    @Inject
    TotpSecrets secrets;

    @Inject
    RequestInfo request;

    /** What an authenticator app needs to enrol. */
    public record Enrolment(String secret, String otpauthUri, byte[] qrPng) {}

    /**
     * Starts (or restarts) enrolment with a new secret; 2FA is not on until confirmed.
     *
     * @throws Conflict when 2FA is already on
     */
    @AuthenticatedOnly
    public Enrolment enrol(Caller caller) {
        User user = accounts.caller(caller.userId());
        TotpCredential credential = credential(user.getId(), false).orElse(null);
        if (credential != null && credential.isConfirmed()) {
            throw new Conflict("Two-factor sign-in is already on; disable it before enrolling again.");
        }
        String secret = totp.newSecret();
        if (credential == null) {
            em.persist(new TotpCredential(user.getId(), secrets.seal(user.getId(), secret)));
        } else {
            credential.replaceSecret(secrets.seal(user.getId(), secret));
        }
        em.flush();
        String uri = totp.uri(user.getEmail(), secret);
        return new Enrolment(secret, uri, totp.qrPng(uri));
    }

    /**
     * Turns 2FA on with a first code from the app.
     *
     * @return ten recovery codes, shown only now
     * @throws Conflict when there is no pending enrolment
     * @throws InvalidInput when the code is wrong (counted like a failed sign-in)
     */
    @AuthenticatedOnly
    public List<String> confirm(Caller caller, String code) {
        User user = accounts.caller(caller.userId());
        TotpCredential credential = credential(user.getId(), true)
                .filter(c -> !c.isConfirmed())
                .orElseThrow(() -> new Conflict("Nothing to confirm: start enrolment first."));
        throttle.check(user.getEmail(), request.clientAddress());
        OptionalLong step =
                totp.matchingStep(secrets.open(credential), code, now().toInstant(), credential.getLastUsedStep());
        if (step.isEmpty()) {
            wrong(user, "confirm-two-factor");
            throw new WrongSecret("code", "is not the current code of your authenticator");
        }
        throttle.reset(user);
        credential.useStep(step.getAsLong());
        credential.confirm(now());
        em.createNamedQuery("RecoveryCode.deleteOfUser")
                .setParameter("user", user.getId())
                .executeUpdate();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String recovery = SecretTokens.recoveryCode();
            codes.add(recovery);
            em.persist(new RecoveryCode(user.getId(), SecretTokens.hash(recovery)));
        }
        em.flush();
        trail.record("two-factor-enabled", "user", user.getId(), Map.of("method", "totp"));
        SECURITY.info("two-factor sign-in enabled for " + user.getEmail());
        return codes;
    }

    /**
     * Turns 2FA off; needs the password and a current code (or a recovery code).
     *
     * @throws InvalidInput naming the wrong one
     * @throws NotFound when 2FA is not on
     */
    @AuthenticatedOnly
    public void disable(Caller caller, String password, String code) {
        User user = accounts.caller(caller.userId());
        TotpCredential credential = credential(user.getId(), true)
                .filter(TotpCredential::isConfirmed)
                .orElseThrow(() -> new NotFound("Two-factor sign-in is not on."));
        Credentials.requireBoundedPassword("password", password);
        throttle.check(user.getEmail(), request.clientAddress());
        if (!hasher.matches(password, user.getPasswordHash())) {
            wrong(user, "disable-two-factor");
            throw new WrongSecret("password", "is not your password");
        }
        if (!secondFactor(user.getId(), credential, code)) {
            wrong(user, "disable-two-factor");
            throw new WrongSecret("code", "is neither a current code nor an unused recovery code");
        }
        throttle.reset(user);
        em.remove(credential);
        em.createNamedQuery("RecoveryCode.deleteOfUser")
                .setParameter("user", user.getId())
                .executeUpdate();
        trail.record("two-factor-disabled", "user", user.getId(), Map.of("method", "totp"));
        SECURITY.info("two-factor sign-in disabled for " + user.getEmail());
    }

    /**
     * The second step of signing in: a code of the current or previous step that was not used
     * before, or an unused recovery code. Five wrong codes burn the challenge.
     *
     * @throws CredentialsRejected for an unknown, expired, used or burnt challenge, or a wrong code
     */
    @PublicAccess
    public SessionTokens completeLogin(String mfaToken, String code, String clientAddress) {
        MfaChallenge challenge = em.createNamedQuery("MfaChallenge.findByHash", MfaChallenge.class)
                .setParameter("hash", SecretTokens.hash(mfaToken))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst()
                .filter(c -> c.isOpen(now()))
                .orElseThrow(() -> new CredentialsRejected("The sign-in expired or is unknown; start again."));
        User user = em.find(User.class, challenge.getUserId());
        throttle.check(user.getEmail(), clientAddress);
        TotpCredential credential = credential(user.getId(), true)
                .filter(TotpCredential::isConfirmed)
                .orElseThrow(() -> new CredentialsRejected("The sign-in expired or is unknown; start again."));
        if (!secondFactor(user.getId(), credential, code)) {
            if (challenge.fail() >= MAX_CODE_FAILURES) {
                challenge.close(now());
            }
            throttle.recordFailure(user.getEmail(), clientAddress);
            trail.record("login-failed", "user", user.getId(), Map.of("method", "second-factor"));
            SECURITY.info(() -> "wrong second factor for " + user.getEmail() + " from " + clientAddress);
            throw new CredentialsRejected("The code is wrong or was already used.");
        }
        challenge.close(now());
        throttle.reset(user);
        return refreshTokens.open(
                user, "second-factor", SignIn.withSecondFactor(SignIn.parse(challenge.getFirstFactor())));
    }

    /** Counts a wrong password or code of a signed-in user like a failed sign-in, and audits it. */
    private void wrong(User user, String operation) {
        throttle.recordFailure(user.getEmail(), request.clientAddress());
        trail.record("secret-check-failed", "user", user.getId(), Map.of("operation", operation));
        SECURITY.info(() -> "wrong password or code for " + user.getEmail() + " (" + operation + ") from "
                + request.clientAddress());
    }

    /** Checks a TOTP code (and spends its step) or a recovery code (and spends it). */
    private boolean secondFactor(UUID userId, TotpCredential credential, String code) {
        OptionalLong step =
                totp.matchingStep(secrets.open(credential), code, now().toInstant(), credential.getLastUsedStep());
        if (step.isPresent()) {
            credential.useStep(step.getAsLong());
            return true;
        }
        if (code == null) {
            return false;
        }
        Optional<RecoveryCode> recovery = em.createNamedQuery("RecoveryCode.unused", RecoveryCode.class)
                .setParameter("user", userId)
                .setParameter("hash", SecretTokens.hash(code.strip().toUpperCase()))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
        recovery.ifPresent(r -> r.use(now()));
        return recovery.isPresent();
    }

    /** The user's credential; {@code lock} takes a row lock, so two racing codes are decided one by one. */
    private Optional<TotpCredential> credential(UUID userId, boolean lock) {
        var query = em.createNamedQuery("TotpCredential.ofUser", TotpCredential.class)
                .setParameter("user", userId);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultStream().findFirst();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
