package io.orgbase.identity.boundary;

import io.orgbase.identity.User;
import io.orgbase.identity.control.PasswordHasher;
import io.orgbase.identity.control.TokenIssuer;
import io.orgbase.identity.control.TokenIssuer.AccessToken;
import io.orgbase.problems.Unauthenticated;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Exchanges credentials for an access token. */
@Stateless
public class Authentication {

    private static final Logger SECURITY = Logger.getLogger("io.orgbase.security");

    @Inject
    Users users;

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenIssuer tokens;

    /**
     * @return a signed access token for the user with this email and password
     * @throws Unauthenticated with the same message whether the email is unknown or the password wrong
     */
    public AccessToken login(String email, String password) {
        User user = users.findByEmail(email).orElse(null);
        if (user == null) {
            hasher.burnTime(password);
        }
        if (user == null || !hasher.matches(password, user.getPasswordHash())) {
            SECURITY.info("login failed");
            throw new Unauthenticated("Email or password is wrong.");
        }
        return tokens.issue(user);
    }
}
