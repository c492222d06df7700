package io.orgbase.problems;

import jakarta.ejb.ApplicationException;

/** A failure the caller can act on; its message is safe to show to the caller. */
@ApplicationException(rollback = true, inherited = true)
public abstract class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message);
    }

    /** Short, stable identifier of the problem kind, used in the problem {@code type} URI. */
    public abstract String kind();
}
