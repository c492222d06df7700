package io.orgbase.identity.boundary;

import io.orgbase.access.PublicAccess;
import io.orgbase.audit.Audited;
import io.orgbase.identity.control.RefreshTokens;
import io.orgbase.identity.control.RefreshTokens.SessionTokens;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

/** Keeping a sign-in alive with its refresh token, and ending it. */
@Stateless
@Audited
@PublicAccess
public class Sessions {

    @Inject
    RefreshTokens refreshTokens;

    /**
     * Exchanges a refresh token for a new access token and refresh token.
     *
     * @throws CredentialsRejected when the token is unknown, expired, revoked, or already used (then
     *     its whole family is revoked, and that revocation is kept)
     */
    public SessionTokens refresh(String refreshToken) {
        return refreshTokens.rotate(
                refreshToken, () -> new CredentialsRejected("The refresh token is not valid; sign in again."));
    }

    /** Signs out: revokes the token's family. Unknown tokens are ignored (nothing to revoke). */
    public void close(String refreshToken) {
        refreshTokens.revokeFamilyOf(refreshToken);
    }
}
