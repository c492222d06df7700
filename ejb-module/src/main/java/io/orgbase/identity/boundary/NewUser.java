package io.orgbase.identity.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** A user account to create. Required-ness is checked when the request is read. */
public record NewUser(
        @Email(message = "must be an email address") @Size(max = 254) String email,
        String password,
        @Size(min = 1, max = 200) String displayName) {}
