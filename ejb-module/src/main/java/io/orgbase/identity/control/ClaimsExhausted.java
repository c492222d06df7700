package io.orgbase.identity.control;

import io.orgbase.problems.Conflict;
import jakarta.ejb.ApplicationException;

/**
 * The address has as many unverified accounts as it may. Does not roll back: a password that was
 * none of theirs stays counted by the throttle, so the refusal is no free password-guessing oracle.
 */
@ApplicationException(rollback = false)
public class ClaimsExhausted extends Conflict {

    public ClaimsExhausted() {
        super("This email has too many unconfirmed accounts; verify the address of one first.");
    }
}
