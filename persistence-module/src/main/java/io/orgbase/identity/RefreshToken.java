package io.orgbase.identity;

import io.orgbase.audit.NotAudited;
import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One refresh token of a sign-in's family. Only the SHA-256 of the token is stored; the family
 * shares one absolute expiry, and a token that was already used must never work again.
 */
@Entity
@NotAudited
@Table(name = "refresh_token")
@NamedQuery(name = "RefreshToken.findByHash", query = "select t from RefreshToken t where t.tokenHash = :hash")
@NamedQuery(
        name = "RefreshToken.revokeFamily",
        query = "update RefreshToken t set t.revokedAt = :now where t.familyId = :family and t.revokedAt is null")
@NamedQuery(
        name = "RefreshToken.revokeUser",
        query = "update RefreshToken t set t.revokedAt = :now where t.userId = :user and t.revokedAt is null")
public class RefreshToken extends BaseEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "family_id", nullable = false, updatable = false)
    private UUID familyId;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    /** When the sign-in that started this family happened. */
    @Column(name = "auth_time", nullable = false, updatable = false)
    private OffsetDateTime authTime;

    /** How it happened: RFC 8176 method values separated by spaces ({@code pwd otp mfa}). */
    @Column(name = "amr", nullable = false, updatable = false)
    private String amr;

    protected RefreshToken() {}

    public RefreshToken(
            UUID userId,
            UUID familyId,
            String tokenHash,
            OffsetDateTime expiresAt,
            OffsetDateTime authTime,
            String amr) {
        this.userId = userId;
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
        this.authTime = authTime;
        this.amr = amr;
    }

    public OffsetDateTime getAuthTime() {
        return authTime;
    }

    public String getAmr() {
        return amr;
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getFamilyId() {
        return familyId;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public OffsetDateTime getUsedAt() {
        return usedAt;
    }

    public void markUsed(OffsetDateTime when) {
        this.usedAt = when;
    }

    public OffsetDateTime getRevokedAt() {
        return revokedAt;
    }
}
