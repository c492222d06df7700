package io.orgbase.problems;

/** The caller is known and may see the thing, but lacks the right to do this. */
public class Forbidden extends DomainException {

    private final String kind;

    public Forbidden(String message) {
        this("forbidden", message);
    }

    /** A refusal of a named kind (its problem type), such as {@code organization-suspended}. */
    public Forbidden(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    @Override
    public String kind() {
        return kind;
    }
}
