package fish.payara.microprofile.jwtauth.eesecurity;

import jakarta.security.enterprise.credential.Credential;

/** Stands in for Payara's bearer-token credential (same name, same getter) in unit tests. */
public class SignedJWTCredential implements Credential {

    private final String signedJWT;

    public SignedJWTCredential(String signedJWT) {
        this.signedJWT = signedJWT;
    }

    public String getSignedJWT() {
        return signedJWT;
    }
}
