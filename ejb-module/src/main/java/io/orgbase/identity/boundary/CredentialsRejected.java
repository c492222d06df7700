package io.orgbase.identity.boundary;

import io.orgbase.problems.Unauthenticated;
import jakarta.ejb.ApplicationException;

/**
 * Unauthenticated, but what the boundary wrote before refusing stays written: a counted failed
 * sign-in, or a refresh-token family revoked because one of its tokens was replayed.
 */
@ApplicationException(rollback = false)
public class CredentialsRejected extends Unauthenticated {

    public CredentialsRejected(String message) {
        super(message);
    }
}
