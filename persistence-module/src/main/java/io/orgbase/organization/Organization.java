package io.orgbase.organization;

import io.orgbase.json.Jsonp;
import io.orgbase.persistence.Address;
import io.orgbase.persistence.BaseEntity;
import io.orgbase.persistence.Extensible;
import io.orgbase.persistence.JsonbConverter;
import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.persistence.RecordKind;
import io.orgbase.tenancy.Tenancy;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The tenant. Its slug and id both address it in the API ({@code /api/v1/orgs/{org}}); its code is
 * the business identifier (unique, upper case). Holdings and subsidiaries are organizations with a
 * parent. Type, currency and status refer to the platform vocabularies by their keys.
 */
@Entity
@Table(name = "organization")
@NamedQuery(name = "Organization.findBySlug", query = "select o from Organization o where o.slug = :slug")
// Every request into an organization runs it first (DatabaseSession.enterTenantIfCurrent): named,
// EclipseLink prepares it once, where a query built each time was parsed and given its hint anew.
// "offset 0" keeps the subquery whole: merged into the outer query, each use of s.generation ran
// the access generation's lookup again (twice per request).
@NamedNativeQuery(
        name = Organization.ENTER_IF_CURRENT,
        query = Organization.ENTER_IF_CURRENT_SQL,
        hints = @QueryHint(name = QueryHints.ALLOW_NATIVE_SQL_QUERY, value = "true"))
@NamedQuery(name = "Organization.findByCode", query = "select o from Organization o where o.code = :code")
@NamedQuery(name = "Organization.countChildren", query = "select count(o) from Organization o where o.parentId = :id")
@NamedQuery(
        name = "Organization.countSiblingsNamed",
        query = "select count(o) from Organization o where o.parentId = :parentId"
                + " and lower(o.name) = lower(:name) and o.id <> :id")
public class Organization extends BaseEntity implements Extensible {

    /**
     * Enters an organization if its access generation is still the one expected: parameters the
     * organization's id (text), the user's id (text, or empty) and the generation (negative: any).
     */
    public static final String ENTER_IF_CURRENT = "Organization.enterIfCurrent";

    /** The statement of {@link #ENTER_IF_CURRENT}. */
    public static final String ENTER_IF_CURRENT_SQL = "select set_config('" + Tenancy.ORG_SETTING
            + "', case when ?3 < 0 or s.generation = ?3 then ?1 else '' end, true),"
            + " set_config('" + Tenancy.USER_SETTING + "', ?2, true), s.generation, s.version from"
            + " (select coalesce((select g.generation from access_generation g"
            + " where g.org_id = cast(?1 as uuid)), 0) as generation,"
            + " (select o.version from organization o where o.id = cast(?1 as uuid)) as version offset 0) s";

    @Column(name = "code", nullable = false)
    private String code;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID parentId;

    @Column(name = "effective_date")
    private LocalDate effectiveDate;

    @Column(name = "end_date")
    private LocalDate endDate;

    @Column(name = "timezone", nullable = false)
    private String timezone = "UTC";

    @Column(name = "language", nullable = false)
    private String language = "en";

    @Column(name = "currency_code")
    private String currencyCode;

    @Embedded
    @AttributeOverride(name = "line1", column = @Column(name = "address_line1"))
    @AttributeOverride(name = "line2", column = @Column(name = "address_line2"))
    @AttributeOverride(name = "city", column = @Column(name = "address_city"))
    @AttributeOverride(name = "region", column = @Column(name = "address_region"))
    @AttributeOverride(name = "postalCode", column = @Column(name = "address_postal_code"))
    @AttributeOverride(name = "country", column = @Column(name = "address_country"))
    @AttributeOverride(name = "latitude", column = @Column(name = "address_latitude"))
    @AttributeOverride(name = "longitude", column = @Column(name = "address_longitude"))
    private Address primaryAddress;

    @Column(name = "metadata", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String metadata = "{}";

    @Column(name = "slug", nullable = false, unique = true)
    private String slug;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "status", nullable = false)
    @Convert(converter = OrganizationStatusConverter.class)
    private OrganizationStatus status = OrganizationStatus.ACTIVE;

    @Column(name = "audit_retention_days")
    private Integer auditRetentionDays;

    @Column(name = "custom_fields", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String customFields = "{}";

    /** The organization's own tags, a JSON array of names (on its row: lists of organizations read it). */
    @Column(name = "tags", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String tags = "[]";

    /** One of the organization's own contacts. */
    @Column(name = "primary_contact_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID primaryContactId;

    /** Members must have signed in with a second factor (the settings' security group). */
    @Column(name = "require_two_factor", nullable = false)
    private boolean requireTwoFactor;

    /** Members' sessions end this many hours after their sign-in; null: no limit of the organization's. */
    @Column(name = "max_session_hours")
    private Integer maxSessionHours;

    protected Organization() {}

    public Organization(UUID id, String slug, String name, String code, String type) {
        super(id);
        this.slug = slug;
        this.name = name;
        this.code = code;
        this.type = type;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    /** The key of its organization type. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    /** The parent organization (a holding); null at the top of a hierarchy. */
    public UUID getParentId() {
        return parentId;
    }

    public void setParentId(UUID parentId) {
        this.parentId = parentId;
    }

    public LocalDate getEffectiveDate() {
        return effectiveDate;
    }

    public void setEffectiveDate(LocalDate effectiveDate) {
        this.effectiveDate = effectiveDate;
    }

    public LocalDate getEndDate() {
        return endDate;
    }

    public void setEndDate(LocalDate endDate) {
        this.endDate = endDate;
    }

    /** IANA time zone id. */
    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    /** BCP 47 language tag, canonical form. */
    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    /** ISO 4217 code of its default currency, or null. */
    public String getCurrencyCode() {
        return currencyCode;
    }

    public void setCurrencyCode(String currencyCode) {
        this.currencyCode = currencyCode;
    }

    /** Null when none is set. */
    public Address getPrimaryAddress() {
        return primaryAddress == null || primaryAddress.isEmpty() ? null : primaryAddress;
    }

    public void setPrimaryAddress(Address primaryAddress) {
        this.primaryAddress = primaryAddress;
    }

    /** Free-form JSON object (text), for integrations; never interpreted by Orgbase. */
    public String getMetadata() {
        return metadata;
    }

    public void setMetadata(String metadata) {
        this.metadata = metadata;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Days the audit trail is kept; null keeps it forever. */
    public Integer getAuditRetentionDays() {
        return auditRetentionDays;
    }

    public void setAuditRetentionDays(Integer auditRetentionDays) {
        this.auditRetentionDays = auditRetentionDays;
    }

    public OrganizationStatus getStatus() {
        return status;
    }

    public void setStatus(OrganizationStatus status) {
        this.status = status;
    }

    @Override
    public RecordKind recordKind() {
        return RecordKind.ORGANIZATION;
    }

    @Override
    public String getCustomFields() {
        return customFields;
    }

    @Override
    public void setCustomFields(String customFields) {
        this.customFields = customFields;
    }

    @Override
    public List<String> getTags() {
        List<String> names = new ArrayList<>();
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(tags))) {
            reader.readArray().getValuesAs(JsonString.class).forEach(name -> names.add(name.getString()));
        }
        return names;
    }

    /** An organization keeps its tag names on its own row. */
    @Override
    public boolean tagsAttached() {
        return true;
    }

    /** Keeps the names on the row; the organization's vocabulary is kept by the tag boundary. */
    @Override
    public void attachTags(List<String> names) {
        JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
        names.stream().sorted(String.CASE_INSENSITIVE_ORDER).forEach(array::add);
        this.tags = array.build().toString();
    }

    public UUID getPrimaryContactId() {
        return primaryContactId;
    }

    public void setPrimaryContactId(UUID primaryContactId) {
        this.primaryContactId = primaryContactId;
    }

    public boolean isRequireTwoFactor() {
        return requireTwoFactor;
    }

    public Integer getMaxSessionHours() {
        return maxSessionHours;
    }

    /** Kept by the settings boundary from the security group. */
    public void setSignInPolicy(boolean requireTwoFactor, Integer maxSessionHours) {
        this.requireTwoFactor = requireTwoFactor;
        this.maxSessionHours = maxSessionHours;
    }
}
