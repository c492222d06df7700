package io.orgbase.organization.api;

import io.orgbase.api.AddressView;
import io.orgbase.api.Tagged;
import io.orgbase.json.Jsonp;
import io.orgbase.organization.Organization;
import io.orgbase.organization.boundary.Organizations.Listed;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** An organization as clients see it, with the caller's role in it (null if not a member). */
public record OrganizationView(
        UUID id,
        String slug,
        String code,
        String name,
        String type,
        String status,
        UUID parentId,
        UUID primaryContactId,
        LocalDate effectiveDate,
        LocalDate endDate,
        String timezone,
        String language,
        String currency,
        AddressView primaryAddress,
        JsonObject metadata,
        JsonObject customFields,
        List<String> tags,
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
                o.getCode(),
                o.getName(),
                o.getType(),
                o.getStatus().name().toLowerCase(Locale.ROOT),
                o.getParentId(),
                o.getPrimaryContactId(),
                o.getEffectiveDate(),
                o.getEndDate(),
                o.getTimezone(),
                o.getLanguage(),
                o.getCurrencyCode(),
                AddressView.of(o.getPrimaryAddress()),
                Jsonp.object(o.getMetadata()),
                Jsonp.object(o.getCustomFields()),
                o.getTags(),
                listed.role(),
                o.getAuditRetentionDays(),
                o.getCreatedAt(),
                o.getUpdatedAt(),
                o.getVersion());
    }
}
