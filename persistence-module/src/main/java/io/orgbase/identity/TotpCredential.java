package io.orgbase.identity;

import io.orgbase.audit.NotAudited;
import io.orgbase.audit.Redacted;
import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user's TOTP secret; it protects sign-in only once confirmed with a first code. */
@Entity
@NotAudited
@Table(name = "totp_credential")
@NamedQuery(name = "TotpCredential.ofUser", query = "select t from TotpCredential t where t.userId = :user")
public class TotpCredential extends BaseEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Redacted
    @Column(name = "secret", nullable = false)
    private String secret;

    @Column(name = "confirmed_at")
    private OffsetDateTime confirmedAt;

    @Column(name = "last_used_step", nullable = false)
    private long lastUsedStep;

    protected TotpCredential() {}

    public TotpCredential(UUID userId, String secret) {
        this.userId = userId;
        this.secret = secret;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getSecret() {
        return secret;
    }

    public void replaceSecret(String secret) {
        this.secret = secret;
        this.lastUsedStep = 0;
    }

    public boolean isConfirmed() {
        return confirmedAt != null;
    }

    public void confirm(OffsetDateTime when) {
        this.confirmedAt = when;
    }

    /** The last time step whose code was accepted; codes of it or earlier steps never work again. */
    public long getLastUsedStep() {
        return lastUsedStep;
    }

    public void useStep(long step) {
        this.lastUsedStep = step;
    }
}
