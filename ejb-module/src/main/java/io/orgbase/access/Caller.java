package io.orgbase.access;

import java.util.UUID;

/** The authenticated user on whose behalf a boundary runs. */
public record Caller(UUID userId, String email, boolean platformAdmin) {}
