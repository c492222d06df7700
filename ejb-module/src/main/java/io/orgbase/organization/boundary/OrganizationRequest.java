package io.orgbase.organization.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Fields a client sets on an organization. {@code auditRetentionDays}: how long the audit trail is
 * kept (null: forever); owners only.
 */
public record OrganizationRequest(
        String slug, @Size(min = 1, max = 200) String name, @Min(1) @Max(36500) Integer auditRetentionDays) {

    public OrganizationRequest(String slug, String name) {
        this(slug, name, null);
    }
}
