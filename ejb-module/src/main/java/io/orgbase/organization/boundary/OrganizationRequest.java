package io.orgbase.organization.boundary;

import io.orgbase.requests.AddressRequest;
import io.orgbase.requests.Locales;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Fields a client sets on an organization.
 *
 * @param code the business identifier, unique across the platform; stored upper case
 * @param type the key of an active organization type
 * @param parentId the parent organization (a holding); the caller must be allowed to write there too
 * @param timezone an IANA zone id
 * @param language a BCP 47 tag, stored in canonical form
 * @param currency an active ISO 4217 code
 * @param metadata a JSON object as text, for integrations
 * @param auditRetentionDays how long the audit trail is kept (null: forever); owners only
 * @param customFields values of the organization's own organization fields, a JSON object as text
 *     (on update)
 * @param tags the organization's own tags (on update)
 * @param primaryContactId one of the organization's contacts (on update)
 */
public record OrganizationRequest(
        String slug,
        @Size(min = 1, max = 200) String name,
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,49}", message = "must be 1-50 letters, digits, '.', '_' or '-'")
                String code,
        String type,
        UUID parentId,
        LocalDate effectiveDate,
        LocalDate endDate,
        @Locales.TimeZone String timezone,
        @Locales.LanguageTag String language,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CHF") String currency,
        @Valid AddressRequest primaryAddress,
        String metadata,
        @Min(1) @Max(36500) Integer auditRetentionDays,
        String customFields,
        List<String> tags,
        UUID primaryContactId) {

    /** Just the two fields every organization needs; everything else takes its default. */
    public OrganizationRequest(String slug, String name) {
        this(slug, name, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
