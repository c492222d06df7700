package io.orgbase.organization.boundary;

import jakarta.validation.constraints.Size;

/** Fields a client sets on an organization. */
public record OrganizationRequest(String slug, @Size(min = 1, max = 200) String name) {}
