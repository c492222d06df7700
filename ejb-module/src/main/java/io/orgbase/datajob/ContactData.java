package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.contact.Contact;
import io.orgbase.contact.ContactEmail;
import io.orgbase.contact.ContactPhone;
import io.orgbase.contact.boundary.ContactBook;
import io.orgbase.contact.boundary.ContactRequest;
import io.orgbase.datajob.control.ContactRows;
import io.orgbase.identity.control.Emails;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact book as a file: names, organization, status, the primary channels and all others. An
 * import finds a contact by email address (any of its addresses, any case) and writes each row
 * through {@link ContactBook} ({@link ContactRows}): a new contact gets the address as its primary
 * email, and the phone as its primary phone; an existing one gets the row's fields, its phone made
 * primary, custom field values merged in and tags replaced.
 */
@ApplicationScoped
public class ContactData implements RowByRowSpec, ExportSpec {

    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("primaryEmail", "email", "e-mail", "email address", "primary email"),
            DataColumn.of("firstName", "first name", "given name"),
            DataColumn.of("lastName", "last name", "surname", "family name"),
            DataColumn.of("title", "salutation"),
            DataColumn.of("jobTitle", "job title", "position"),
            DataColumn.of("department"),
            DataColumn.of("organizationName", "organization", "organisation", "company", "company name"),
            DataColumn.of("status"),
            DataColumn.of("primaryPhone", "phone", "phone number", "primary phone", "telephone"),
            DataColumn.of("notes", "note"),
            DataColumn.of(ImportedCustomFields.FIELD, "custom fields"),
            DataColumn.of(ImportedTags.FIELD, "tag"));

    @Inject
    ContactRows rows;

    @Inject
    RowByRow rowByRow;

    @Inject
    Validator validator;

    @Override
    public Permission writePermission() {
        return Permission.CONTACTS_WRITE;
    }

    @Override
    public List<DataColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Checked check(Map<String, String> cells, Mode mode) {
        List<RowProblem> problems = new ArrayList<>();
        String email = cells.get("primaryEmail") == null ? null : Emails.normalize(cells.get("primaryEmail"));
        if (email == null) {
            problems.add(new RowProblem("primaryEmail", "is required (contacts are found by their email address)"));
        }
        String phone = cells.get("primaryPhone");
        ContactRequest request = new ContactRequest(
                cells.get("title"),
                cells.get("firstName"),
                cells.get("lastName"),
                cells.get("jobTitle"),
                cells.get("department"),
                cells.get("organizationName"),
                cells.get("status"),
                cells.get("notes"),
                email == null ? null : List.of(new ContactRequest.EmailEntry(email, null, true)),
                phone == null ? null : List.of(new ContactRequest.PhoneEntry(phone, null, true)),
                null,
                null,
                null);
        for (ConstraintViolation<ContactRequest> violation : validator.validate(request)) {
            String path = violation.getPropertyPath().toString();
            String field =
                    path.startsWith("emails") ? "primaryEmail" : path.startsWith("phones") ? "primaryPhone" : path;
            problems.add(new RowProblem(field, violation.getMessage()));
        }
        ImportedCustomFields.check(cells, problems);
        ImportedTags.check(cells, problems);
        JsonObject fields = StagedFields.of(cells, (field, value) -> {
            if (field.equals("primaryEmail")) {
                return Emails.normalize(value);
            }
            return field.equals("notes") || field.equals(ImportedCustomFields.FIELD) ? value : value.strip();
        });
        return new Checked(email == null ? "" : email, null, fields, problems);
    }

    @Override
    public Applied apply(Tenant tenant, Connection connection, Unit unit) throws SQLException {
        return rowByRow.apply(
                connection,
                unit,
                (rowNo, fields) -> rows.apply(tenant, unit.jobId(), rowNo, fields, unit.mode(), unit.dryRun()),
                field -> field.startsWith("emails")
                        ? "primaryEmail"
                        : field.startsWith("phones") ? "primaryPhone" : field);
    }

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
