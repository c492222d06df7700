package io.orgbase.access;

import io.orgbase.persistence.LowercaseEnumConverter;
import jakarta.persistence.Converter;

/** Stores {@link Role} as its lowercase name. */
@Converter
public class RoleConverter extends LowercaseEnumConverter<Role> {

    public RoleConverter() {
        super(Role.class);
    }
}
