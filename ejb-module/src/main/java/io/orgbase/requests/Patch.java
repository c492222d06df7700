package io.orgbase.requests;

import jakarta.validation.Valid;
import java.util.Set;

/**
 * A partial update: the new values and the names of the fields the caller actually sent. A field
 * that was sent as {@code null} is present with a null value (it clears the field); a field that was
 * not sent keeps its stored value. The precondition is the client's {@code If-Match}.
 */
public record Patch<T>(@Valid T values, Set<String> fields, Precondition precondition) {

    public Patch {
        fields = Set.copyOf(fields);
        precondition = precondition == null ? Precondition.NONE : precondition;
    }

    public Patch(T values, Set<String> fields) {
        this(values, fields, Precondition.NONE);
    }

    public boolean has(String field) {
        return fields.contains(field);
    }
}
