package io.orgbase.organization.api;

import io.orgbase.api.Tagged;
import io.orgbase.organization.Organization;
import io.orgbase.organization.boundary.Organizations.Listed;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/** An organization as clients see it, with the caller's role in it (null if not a member). */
public record OrganizationView(
        UUID id,
        String slug,
        String name,
        String status,
        String role,
        Integer auditRetentionDays,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        long version)
        implements Tagged {

    @Override
    public Long etagVersion() {
        return version;
    }

    static OrganizationView of(Listed listed) {
        Organization o = listed.organization();
        return new OrganizationView(
                o.getId(),
                o.getSlug(),
                o.getName(),
                o.getStatus().name().toLowerCase(Locale.ROOT),
                listed.role(),
                o.getAuditRetentionDays(),
                o.getCreatedAt(),
                o.getUpdatedAt(),
                o.getVersion());
    }
}
