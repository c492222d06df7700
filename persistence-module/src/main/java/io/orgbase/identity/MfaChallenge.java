package io.orgbase.identity;

import io.orgbase.audit.NotAudited;
import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Proof that the password was right, waiting for the second factor; single use, short-lived. */
@Entity
@NotAudited
@Table(name = "mfa_challenge")
@NamedQuery(name = "MfaChallenge.findByHash", query = "select c from MfaChallenge c where c.tokenHash = :hash")
public class MfaChallenge extends BaseEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "first_factor", nullable = false, updatable = false)
    private String firstFactor;

    protected MfaChallenge() {}

    /** @param firstFactor the RFC 8176 methods of the first step, space-separated ({@code pwd}) */
    public MfaChallenge(UUID userId, String tokenHash, OffsetDateTime expiresAt, String firstFactor) {
        this.userId = userId;
        this.firstFactor = firstFactor;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
    }

    /** The RFC 8176 methods of the step before this one, space-separated. */
    public String getFirstFactor() {
        return firstFactor;
    }

    public UUID getUserId() {
        return userId;
    }

    /** Whether it can still complete a sign-in. */
    public boolean isOpen(OffsetDateTime now) {
        return usedAt == null && expiresAt.isAfter(now);
    }

    public void close(OffsetDateTime when) {
        this.usedAt = when;
    }

    /** Counts a wrong code; returns the failures so far. */
    public int fail() {
        return ++failures;
    }
}
