package io.orgbase.identity.boundary;

import io.orgbase.problems.Unauthenticated;
import jakarta.ejb.ApplicationException;

/**
 * The password was right, and the account has a second factor: the sign-in continues at {@code
 * POST /api/v1/auth/login/mfa} with {@link #mfaToken()}. Committing, so the challenge is kept.
 */
@ApplicationException(rollback = false)
public class MfaRequired extends Unauthenticated {

    private final String mfaToken;

    public MfaRequired(String mfaToken) {
        super("A second factor is required: send a code from your authenticator app with this mfaToken.");
        this.mfaToken = mfaToken;
    }

    public String mfaToken() {
        return mfaToken;
    }

    @Override
    public String kind() {
        return "mfa_required";
    }
}
