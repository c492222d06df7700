package io.orgbase.customfield.boundary;

import io.orgbase.persistence.RecordKind;
import io.orgbase.requests.KeyOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A custom field definition as a client sends it.
 *
 * @param entity the key of a {@link io.orgbase.persistence.RecordKind}
 * @param type string, number, boolean, date or enum
 * @param enumValues the choices of an enum field (required for enum, refused for the others)
 */
public record CustomFieldRequest(
        @KeyOf(RecordKind.class) String entity,
        @Pattern(
                        regexp = "^[a-z][a-zA-Z0-9_]{0,49}$",
                        message = "must start with a lower-case letter, then up to 49 letters, digits or '_'")
                String key,
        @Size(min = 1, max = 200) String label,
        @Pattern(regexp = "string|number|boolean|date|enum", message = "must be string, number, boolean, date or enum")
                String type,
        Boolean required,
        @Size(max = 100) List<@Size(min = 1, max = 200) String> enumValues,
        @Min(0) @Max(10000) Integer position) {}
