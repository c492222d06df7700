package io.orgbase.contact;

import io.orgbase.persistence.RecordKind;
import io.orgbase.tenancy.ExtensibleEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.util.List;

/** A person an organization deals with; the channels are loaded alongside by the boundary. */
@Entity
@Table(name = "contact")
public class Contact extends ExtensibleEntity {

    @Column(name = "title")
    private String title;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(name = "job_title")
    private String jobTitle;

    @Column(name = "department")
    private String department;

    @Column(name = "organization_name")
    private String organizationName;

    @Column(name = "status", nullable = false)
    private String status = "active";

    @Column(name = "notes")
    private String notes;

    @Transient
    private List<ContactEmail> emails = List.of();

    @Transient
    private List<ContactPhone> phones = List.of();

    @Transient
    private List<ContactAddress> addresses = List.of();

    public Contact() {}

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public void setJobTitle(String jobTitle) {
        this.jobTitle = jobTitle;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    /** The name of the organization the contact belongs to, as free text. */
    public String getOrganizationName() {
        return organizationName;
    }

    public void setOrganizationName(String organizationName) {
        this.organizationName = organizationName;
    }

    /** A slug of the status vocabulary. */
    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public List<ContactEmail> getEmails() {
        return emails;
    }

    public List<ContactPhone> getPhones() {
        return phones;
    }

    public List<ContactAddress> getAddresses() {
        return addresses;
    }

    /** The channels as loaded or written by the boundary, the primary first. */
    public void attachChannels(List<ContactEmail> emails, List<ContactPhone> phones, List<ContactAddress> addresses) {
        this.emails = List.copyOf(emails);
        this.phones = List.copyOf(phones);
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public RecordKind recordKind() {
        return RecordKind.CONTACT;
    }
}
