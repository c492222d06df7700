package io.orgbase.problems;

import java.util.List;

/** The request is malformed or some of its fields are invalid; lists every invalid field. */
public class InvalidInput extends DomainException {

    private final List<FieldError> errors;

    public InvalidInput(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(List<FieldError> errors) {
        this("The request has invalid fields.", errors);
    }

    public static InvalidInput field(String name, String reason) {
        return new InvalidInput(List.of(new FieldError(name, reason)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String kind() {
        return "invalid-input";
    }
}
