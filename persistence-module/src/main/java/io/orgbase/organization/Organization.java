package io.orgbase.organization;

import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** The tenant. Its slug and id both address it in the API ({@code /api/v1/orgs/{org}}). */
@Entity
@Table(name = "organization")
@NamedQuery(name = "Organization.findBySlug", query = "select o from Organization o where o.slug = :slug")
public class Organization extends BaseEntity {

    @Column(name = "slug", nullable = false, unique = true)
    private String slug;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "status", nullable = false)
    @Convert(converter = OrganizationStatusConverter.class)
    private OrganizationStatus status = OrganizationStatus.ACTIVE;

    @Column(name = "audit_retention_days")
    private Integer auditRetentionDays;

    protected Organization() {}

    public Organization(UUID id, String slug, String name) {
        super(id);
        this.slug = slug;
        this.name = name;
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
}
