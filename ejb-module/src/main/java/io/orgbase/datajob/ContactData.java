package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.contact.Contact;
import io.orgbase.contact.ContactEmail;
import io.orgbase.contact.ContactPhone;
import io.orgbase.contact.boundary.ContactBook;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The contact book as a file: names, organization, status, the primary channels and all others. */
@ApplicationScoped
public class ContactData implements ExportSpec {

    private static final List<String> EXPORTED = List.of(
            "firstName",
            "lastName",
            "title",
            "jobTitle",
            "department",
            "organizationName",
            "status",
            "primaryEmail",
            "primaryPhone",
            "emails",
            "phones",
            "notes",
            "tags",
            "customFields",
            "id",
            "createdAt",
            "updatedAt");

    @Inject
    ContactBook contacts;

    @Override
    public String collection() {
        return "contacts";
    }

    @Override
    public Permission readPermission() {
        return Permission.CONTACTS_READ;
    }

    @Override
    public List<String> exportFields() {
        return EXPORTED;
    }

    @Override
    public Rows page(Tenant tenant, Connection connection, CollectionRequest request) {
        Slice<Contact> slice = contacts.list(tenant, request);
        List<Map<String, Object>> rows = new ArrayList<>(slice.items().size());
        for (Contact contact : slice.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("firstName", contact.getFirstName());
            row.put("lastName", contact.getLastName());
            row.put("title", contact.getTitle());
            row.put("jobTitle", contact.getJobTitle());
            row.put("department", contact.getDepartment());
            row.put("organizationName", contact.getOrganizationName());
            row.put("status", contact.getStatus());
            row.put(
                    "primaryEmail",
                    contact.getEmails().stream()
                            .filter(ContactEmail::isPrimary)
                            .map(ContactEmail::getEmail)
                            .findFirst()
                            .orElse(null));
            row.put(
                    "primaryPhone",
                    contact.getPhones().stream()
                            .filter(ContactPhone::isPrimary)
                            .map(ContactPhone::getNumber)
                            .findFirst()
                            .orElse(null));
            row.put(
                    "emails",
                    ExportOutput.list(contact.getEmails().stream()
                            .map(e -> e.getEmail() + " (" + e.getType() + ")")
                            .toList()));
            row.put(
                    "phones",
                    ExportOutput.list(contact.getPhones().stream()
                            .map(p -> p.getNumber() + " (" + p.getType() + ")")
                            .toList()));
            row.put("notes", contact.getNotes());
            row.put("tags", ExportOutput.list(contact.getTags()));
            row.put("customFields", ExportOutput.document(contact.getCustomFields()));
            row.put("id", contact.getId());
            row.put("createdAt", contact.getCreatedAt());
            row.put("updatedAt", contact.getUpdatedAt());
            rows.add(row);
        }
        return new Rows(rows, slice.nextCursor(), slice.total());
    }
}
