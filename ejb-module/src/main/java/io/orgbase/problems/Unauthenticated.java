package io.orgbase.problems;

/** No valid credentials. The message never says which part of the credentials was wrong. */
public class Unauthenticated extends DomainException {

    public Unauthenticated(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "unauthenticated";
    }
}
