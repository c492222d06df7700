package io.orgbase.identity.boundary;

import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A password or code given to confirm an operation is wrong (400 naming the field), and the failure
 * counted by the throttle stays counted: the transaction commits what was written before the refusal.
 */
@ApplicationException(rollback = false)
public class WrongSecret extends InvalidInput {

    public WrongSecret(String field, String reason) {
        super(List.of(new FieldError(field, reason)));
    }
}
