package io.orgbase.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** A phone number of a contact in E.164 (mobile, work, home, fax, other). */
@Entity
@Table(name = "contact_phone")
@NamedQuery(
        name = "ContactPhone.ofContacts",
        query = "select p from ContactPhone p where p.contactId in :ids order by p.primary desc, p.number")
public class ContactPhone extends ContactChannel {

    @Column(name = "number", nullable = false)
    private String number;

    protected ContactPhone() {}

    public ContactPhone(UUID contactId, String number, String type, boolean primary) {
        super(contactId, type, primary);
        this.number = number;
    }

    public String getNumber() {
        return number;
    }
}
