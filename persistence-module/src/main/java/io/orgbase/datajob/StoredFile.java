package io.orgbase.datajob;

import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A file an organization uploaded for an import, or one a job wrote; its bytes are in chunks. */
@Entity
@Table(name = "stored_file")
public class StoredFile extends TenantOwnedEntity {

    @Column(name = "purpose", nullable = false, updatable = false)
    private String purpose;

    @Column(name = "name", nullable = false, updatable = false)
    private String name;

    @Column(name = "content_type", nullable = false, updatable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "sha256")
    private String sha256;

    @Column(name = "complete", nullable = false)
    private boolean complete;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    protected StoredFile() {}

    public StoredFile(String purpose, String name, String contentType, OffsetDateTime expiresAt) {
        this.purpose = purpose;
        this.name = name;
        this.contentType = contentType;
        this.expiresAt = expiresAt;
    }

    /** {@code import}, {@code export} or {@code errors}. */
    public String getPurpose() {
        return purpose;
    }

    public String getName() {
        return name;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    /** Hex SHA-256 of the bytes, once complete. */
    public String getSha256() {
        return sha256;
    }

    public boolean isComplete() {
        return complete;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public void completed(long size, String sha256) {
        this.sizeBytes = size;
        this.sha256 = sha256;
        this.complete = true;
    }
}
