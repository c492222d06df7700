package io.orgbase.problems;

/** The caller is known and may see the thing, but lacks the right to do this. */
public class Forbidden extends DomainException {

    public Forbidden(String message) {
        super(message);
    }

    @Override
    public String kind() {
        return "forbidden";
    }
}
