package io.orgbase.organization;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * Stores {@link OrganizationStatus} as its lowercase name, the spelling of the API and of the SQL check
 * constraint. Implements AttributeConverter directly: EclipseLink cannot resolve the types of a
 * converter that inherits them from a generic superclass.
 */
@Converter
public class OrganizationStatusConverter implements AttributeConverter<OrganizationStatus, String> {

    @Override
    public String convertToDatabaseColumn(OrganizationStatus value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public OrganizationStatus convertToEntityAttribute(String value) {
        return value == null ? null : OrganizationStatus.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
