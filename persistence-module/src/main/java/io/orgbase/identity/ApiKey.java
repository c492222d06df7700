package io.orgbase.identity;

import io.orgbase.access.RoleAssignment;
import io.orgbase.audit.Redacted;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A service credential that acts only in its own organization, with a role there. */
@Entity
@Table(name = "api_key")
public class ApiKey extends TenantOwnedEntity {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "prefix", nullable = false, updatable = false)
    private String prefix;

    @Redacted
    @Column(name = "key_hash", nullable = false, updatable = false)
    private String keyHash;

    @Embedded
    private RoleAssignment role;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "rate_limit_per_minute")
    private Integer rateLimitPerMinute;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiKey() {}

    public ApiKey(String name, String prefix, String keyHash, RoleAssignment role, OffsetDateTime expiresAt) {
        this.name = name;
        this.prefix = prefix;
        this.keyHash = keyHash;
        this.role = role;
        this.expiresAt = expiresAt;
    }

    public String getName() {
        return name;
    }

    public String getPrefix() {
        return prefix;
    }

    public RoleAssignment getRole() {
        return role;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    /** Requests per minute this key may make; null for the per-principal default. */
    public Integer getRateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public void setRateLimitPerMinute(Integer rateLimitPerMinute) {
        this.rateLimitPerMinute = rateLimitPerMinute;
    }

    public OffsetDateTime getLastUsedAt() {
        return lastUsedAt;
    }

    public OffsetDateTime getRevokedAt() {
        return revokedAt;
    }

    public void revoke(OffsetDateTime when) {
        this.revokedAt = when;
    }
}
