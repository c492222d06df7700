package io.orgbase.identity;

import io.orgbase.audit.NotAudited;
import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A single-use stand-in for a TOTP code; only its SHA-256 is stored. */
@Entity
@NotAudited
@Table(name = "recovery_code")
@NamedQuery(
        name = "RecoveryCode.unused",
        query = "select r from RecoveryCode r where r.userId = :user and r.codeHash = :hash and r.usedAt is null")
@NamedQuery(name = "RecoveryCode.deleteOfUser", query = "delete from RecoveryCode r where r.userId = :user")
public class RecoveryCode extends BaseEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "code_hash", nullable = false, updatable = false)
    private String codeHash;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    protected RecoveryCode() {}

    public RecoveryCode(UUID userId, String codeHash) {
        this.userId = userId;
        this.codeHash = codeHash;
    }

    public void use(OffsetDateTime when) {
        this.usedAt = when;
    }
}
