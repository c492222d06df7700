package io.orgbase.access;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * Stores {@link Role} as its lowercase name, the spelling of the API and of the SQL check
 * constraint. Implements AttributeConverter directly: EclipseLink cannot resolve the types of a
 * converter that inherits them from a generic superclass.
 */
@Converter
public class RoleConverter implements AttributeConverter<Role, String> {

    @Override
    public String convertToDatabaseColumn(Role value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Role convertToEntityAttribute(String value) {
        return value == null ? null : Role.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
