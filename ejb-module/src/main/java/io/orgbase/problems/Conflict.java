package io.orgbase.problems;

/** The request contradicts the current state: a duplicate, a stale version, a rule about others. */
public class Conflict extends DomainException {

    public Conflict(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "conflict";
    }
}
