package io.orgbase.contact;

import io.orgbase.persistence.Address;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** A postal address of a contact (billing, shipping, home, work, other). */
@Entity
@Table(name = "contact_address")
@NamedQuery(
        name = "ContactAddress.ofContacts",
        query = "select a from ContactAddress a where a.contactId in :ids order by a.primary desc, a.createdAt, a.id")
public class ContactAddress extends ContactChannel {

    @Embedded
    private Address address;

    protected ContactAddress() {}

    public ContactAddress(UUID contactId, Address address, String type, boolean primary) {
        super(contactId, type, primary);
        this.address = address;
    }

    public Address getAddress() {
        return address;
    }

    public void setAddress(Address address) {
        this.address = address;
    }
}
