package io.orgbase.problems;

/** The thing does not exist, or the caller may not know that it exists (the two look the same). */
public class NotFound extends DomainException {

    public NotFound(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "not-found";
    }
}
