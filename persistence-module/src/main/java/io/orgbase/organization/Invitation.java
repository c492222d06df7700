package io.orgbase.organization;

import io.orgbase.access.RoleAssignment;
import io.orgbase.audit.Redacted;
import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An offer to join the organization with a role, redeemed once with its secret token. */
@Entity
@Table(name = "invitation")
public class Invitation extends TenantOwnedEntity {

    @Column(name = "email", nullable = false, updatable = false)
    private String email;

    @Embedded
    private RoleAssignment role;

    @Redacted
    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    /** The second secret: sent only to the invitee's address, so accepting with it proves the address. */
    @Redacted
    @Column(name = "email_token_hash")
    private String emailTokenHash;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "invited_by")
    @Convert(converter = NullableUuidConverter.class)
    private UUID invitedBy;

    @Column(name = "accepted_at")
    private OffsetDateTime acceptedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected Invitation() {}

    public Invitation(String email, RoleAssignment role, String tokenHash, OffsetDateTime expiresAt, UUID invitedBy) {
        this.email = email;
        this.role = role;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
        this.invitedBy = invitedBy;
    }

    public String getEmail() {
        return email;
    }

    public RoleAssignment getRole() {
        return role;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public UUID getInvitedBy() {
        return invitedBy;
    }

    public OffsetDateTime getAcceptedAt() {
        return acceptedAt;
    }

    public OffsetDateTime getRevokedAt() {
        return revokedAt;
    }

    /** pending, accepted, revoked or expired */
    public String status(OffsetDateTime now) {
        if (acceptedAt != null) {
            return "accepted";
        }
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt.isAfter(now) ? "pending" : "expired";
    }

    public void accept(OffsetDateTime when) {
        this.acceptedAt = when;
    }

    /** A new secret for the invitee's address; the link sent before stops working. */
    public void mailTo(String emailTokenHash) {
        this.emailTokenHash = emailTokenHash;
    }

    public void revoke(OffsetDateTime when) {
        this.revokedAt = when;
    }
}
