package io.orgbase.contact;

import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;
import java.util.UUID;

/** What email addresses, phone numbers and postal addresses of a contact share: an owner, a type, a primary flag. */
@MappedSuperclass
public abstract class ContactChannel extends TenantOwnedEntity {

    @Column(name = "contact_id", nullable = false, updatable = false)
    @Convert(converter = NullableUuidConverter.class)
    private UUID contactId;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "is_primary", nullable = false)
    private boolean primary;

    protected ContactChannel() {}

    protected ContactChannel(UUID contactId, String type, boolean primary) {
        this.contactId = contactId;
        this.type = type;
        this.primary = primary;
    }

    public UUID getContactId() {
        return contactId;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public boolean isPrimary() {
        return primary;
    }

    public void setPrimary(boolean primary) {
        this.primary = primary;
    }
}
