package io.orgbase.organization;

import io.orgbase.persistence.LowercaseEnumConverter;
import jakarta.persistence.Converter;

/** Stores {@link OrganizationStatus} as its lowercase name. */
@Converter
public class OrganizationStatusConverter extends LowercaseEnumConverter<OrganizationStatus> {

    public OrganizationStatusConverter() {
        super(OrganizationStatus.class);
    }
}
