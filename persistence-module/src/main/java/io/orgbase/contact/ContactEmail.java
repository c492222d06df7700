package io.orgbase.contact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** An email address of a contact (work, personal, other); unique per contact whatever its case. */
@Entity
@Table(name = "contact_email")
@NamedQuery(
        name = "ContactEmail.ofContacts",
        query = "select e from ContactEmail e where e.contactId in :ids order by e.primary desc, e.email")
public class ContactEmail extends ContactChannel {

    @Column(name = "email", nullable = false)
    private String email;

    /** The address in lower case, kept by the database: what searches by address compare. */
    @Column(name = "email_key", insertable = false, updatable = false)
    private String emailKey;

    protected ContactEmail() {}

    public ContactEmail(UUID contactId, String email, String type, boolean primary) {
        super(contactId, type, primary);
        this.email = email;
    }

    public String getEmail() {
        return email;
    }

    /** The same address spelled in another case. */
    public void setEmail(String email) {
        this.email = email;
    }
}
