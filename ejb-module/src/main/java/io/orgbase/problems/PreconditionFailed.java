package io.orgbase.problems;

/** The client's {@code If-Match} names a version that is no longer the current one. */
public class PreconditionFailed extends DomainException {

    public PreconditionFailed(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "precondition-failed";
    }
}
