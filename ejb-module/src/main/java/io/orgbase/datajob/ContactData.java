package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.contact.Contact;
import io.orgbase.contact.ContactEmail;
import io.orgbase.contact.ContactPhone;
import io.orgbase.contact.boundary.ContactBook;
import io.orgbase.contact.boundary.ContactRequest;
import io.orgbase.customfield.control.CustomFieldValues;
import io.orgbase.identity.control.Emails;
import io.orgbase.json.Jsonp;
import io.orgbase.persistence.Ids;
import io.orgbase.persistence.RecordKind;
import io.orgbase.requests.Contacts;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The contact book as a file: names, organization, status, the primary channels and all others. An
 * import finds a contact by email address (any of its addresses, any case), with the contact book's
 * rules ({@link ContactBook}: a name, a known status, valid channels, custom fields as defined):
 * a new contact gets the address as its primary email and the phone as its primary phone; an
 * existing one gets the row's fields (a blank status leaves its status), its phone made primary
 * (added when it lacks it; other phones stay), custom field values merged in and tags replaced.
 * Set-based: a unit's rows are looked up, judged and written by a few statements.
 */
@ApplicationScoped
public class ContactData implements DataSpec, ExportSpec {

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

    private static final java.util.regex.Pattern STORED_EMAIL = java.util.regex.Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    /** The person's fields, in the order of the contact's columns below. */
    private static final List<String> PERSON =
            List.of("title", "firstName", "lastName", "jobTitle", "department", "organizationName", "status", "notes");

    @Inject
    Validator validator;

    @Inject
    CustomFieldValues customFields;

    @Override
    public Permission writePermission() {
        return Permission.CONTACTS_WRITE;
    }

    @Override
    public List<DataColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Checked check(Map<String, String> given, Mode mode) {
        // a cell of spaces (or a restored tab) is a blank cell, as the contact book stores it
        Map<String, String> cells = new java.util.LinkedHashMap<>();
        given.forEach((field, cell) ->
                cells.put(field, cell == null || !field.equals("notes") && cell.isBlank() ? null : cell));
        List<RowProblem> problems = new ArrayList<>();
        String email = cells.get("primaryEmail") == null ? null : Emails.normalize(cells.get("primaryEmail"));
        if (email == null) {
            problems.add(new RowProblem("primaryEmail", "is required (contacts are found by their email address)"));
        } else if (email.length() > 320 || !STORED_EMAIL.matcher(email).matches()) {
            // what contact_email's check takes (stricter than @Email, which allows quoted spaces)
            problems.add(new RowProblem("primaryEmail", "must be an email address"));
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
        JsonObject fields = StagedFields.of(cells, (field, value) -> switch (field) {
            case "primaryEmail" -> Emails.normalize(value);
                // stored as the contact book stores it (E.164); a number it cannot read stays as given
            case "primaryPhone" -> Objects.requireNonNullElse(Contacts.e164(value), value);
            case "notes", ImportedCustomFields.FIELD -> value;
            default -> value.strip();
        });
        return new Checked(email == null ? "" : email, null, fields, problems);
    }

    /** A staged row beside the contact found by its address (if exactly one has it) as it is now. */
    private record Found(
            long rowNo,
            String key,
            JsonObject fields,
            int owners,
            UUID id,
            List<String> person,
            String customFields,
            boolean knownStatus) {}

    @Override
    public Applied apply(Tenant tenant, Connection connection, Unit unit) throws SQLException {
        lockAddresses(connection, unit);
        ImportedTags.lockNamed(connection, unit);
        List<Found> rows = find(connection, unit);
        Map<UUID, Map<String, Boolean>> phones = phones(
                connection,
                unit,
                rows.stream().map(Found::id).filter(Objects::nonNull).toList());
        ImportedCustomFields values = new ImportedCustomFields(customFields.definitions(RecordKind.CONTACT));
        ImportedTags tags = new ImportedTags(connection, unit, RecordKind.CONTACT);
        Map<UUID, java.util.Set<String>> tagged = tags.current(
                rows.stream().map(Found::id).filter(Objects::nonNull).toList());
        RowFailures failures = new RowFailures(connection, unit.jobId());
        RowArrays newContacts =
                new RowArrays("uuid", "text", "text", "text", "text", "text", "text", "text", "text", "text");
        RowArrays changedContacts =
                new RowArrays("uuid", "text", "text", "text", "text", "text", "text", "text", "text", "text");
        RowArrays newEmails = new RowArrays("uuid", "uuid", "text");
        RowArrays newPhones = new RowArrays("uuid", "uuid", "text");
        RowArrays primaryPhones = new RowArrays("uuid", "text");
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        Map<UUID, Long> changedBy = new HashMap<>();
        for (Found row : rows) {
            JsonObject fields = row.fields();
            List<RowProblem> problems = judge(row, unit);
            if (!problems.isEmpty()) {
                failures.add(row.rowNo(), problems);
                continue;
            }
            Long earlier = row.id() == null ? null : changedBy.putIfAbsent(row.id(), row.rowNo());
            if (earlier != null) {
                // another address of the same contact: the rows would be judged against the same state
                failures.add(
                        row.rowNo(),
                        List.of(new RowProblem(
                                "primaryEmail",
                                "belongs to the contact row " + earlier + " changes; change it once per file")));
                continue;
            }
            List<String> person = person(row);
            if (person.get(1) == null && person.get(2) == null) {
                problems.add(new RowProblem("lastName", "a contact needs a first or a last name"));
            }
            String custom = values.values(fields, row.customFields(), problems);
            String phone = StagedFields.text(fields, "primaryPhone");
            Map<String, Boolean> stored = phones.getOrDefault(row.id(), Map.of());
            if (phone != null && !stored.containsKey(phone) && stored.size() >= ContactRequest.MAX_CHANNELS) {
                problems.add(new RowProblem(
                        "primaryPhone",
                        "the contact has " + ContactRequest.MAX_CHANNELS + " phones already, the most it may have"));
            }
            if (!problems.isEmpty()) {
                failures.add(row.rowNo(), problems);
                continue;
            }
            List<String> names = ImportedTags.of(fields);
            if (row.id() == null) {
                created++;
                UUID id = Ids.newId();
                newContacts.add(contact(id, person, custom));
                newEmails.add(Ids.newId(), id, row.key());
                if (phone != null) {
                    newPhones.add(Ids.newId(), id, phone);
                }
                tags.set(id, names);
                continue;
            }
            boolean phoneChanges = phone != null && !Boolean.TRUE.equals(stored.get(phone));
            if (!person.equals(row.person())
                    || phoneChanges
                    || ImportedCustomFields.differ(custom, row.customFields())
                    || ImportedTags.differ(names, tagged.get(row.id()))) {
                updated++;
                changedContacts.add(contact(row.id(), person, custom));
                if (phoneChanges) {
                    primaryPhones.add(row.id(), phone);
                    if (!stored.containsKey(phone)) {
                        newPhones.add(Ids.newId(), row.id(), phone);
                    }
                }
                tags.set(row.id(), names);
            } else {
                unchanged++;
            }
        }
        if (!unit.dryRun()) {
            write(connection, unit, newContacts, changedContacts, newEmails, newPhones, primaryPhones);
            tags.flush();
        }
        failures.flush();
        return new Applied(created, updated, unchanged, failures.count());
    }

    /**
     * Two imports creating a contact for one new address take turns (the first creates it, the
     * second finds it): a unit holds the organization's contact-import lock to its commit (one lock,
     * not one per address: a thousand per unit would fill the server's lock table).
     */
    private static void lockAddresses(Connection connection, Unit unit) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            statement.setString(1, "contact-import:" + unit.orgId());
            statement.executeQuery().close();
        }
        // A file with tags takes the organization's tag lock (ImportedTags' at the end) before it
        // locks the contacts it finds, in the order the API's tag changes take them.
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select pg_advisory_xact_lock(hashtextextended(?, 0)) from data_job_row r
                where r.job_id = ? and r.row_no > ? and r.row_no <= ? and r.fields -> 'tags' is not null limit 1""")) {
            statement.setString(1, "tags:" + unit.orgId());
            statement.setObject(2, unit.jobId());
            statement.setLong(3, unit.afterRow());
            statement.setLong(4, unit.lastRow());
            statement.executeQuery().close();
        }
    }

    private static List<Found> find(Connection connection, Unit unit) throws SQLException {
        List<Found> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                """
                select r.row_no, r.key, r.fields::text, m.owners, c.id, c.title, c.first_name, c.last_name,
                       c.job_title, c.department, c.organization_name, c.status, c.notes, c.custom_fields::text,
                       s.slug is not null
                from data_job_row r
                left join lateral (
                    select count(*) as owners, min(x.contact_id::text)::uuid as contact_id from (
                        select distinct e.contact_id from contact_email e
                        where e.org_id = ? and e.email_key = r.key limit 2) x) m on true
                left join lateral (
                    select c.* from contact c where c.org_id = ? and c.id = m.contact_id and m.owners = 1
                    limit 1 for no key update) c on true
                left join lateral (
                    select st.slug from status st where st.slug = r.fields->>'status' limit 1) s on true
                where r.job_id = ? and r.level = ? and r.row_no > ? and r.row_no <= ?
                order by r.row_no""")) {
            // probes by the row's own key, as departments' (see there); the contacts found are locked
            // to the unit's commit, so that what is written over them is what was judged
            statement.setObject(1, unit.orgId());
            statement.setObject(2, unit.orgId());
            statement.setObject(3, unit.jobId());
            statement.setInt(4, unit.level());
            statement.setLong(5, unit.afterRow());
            statement.setLong(6, unit.lastRow());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object id = rs.getObject(5);
                    List<String> person = new ArrayList<>(PERSON.size());
                    for (int i = 0; i < PERSON.size(); i++) {
                        person.add(rs.getString(6 + i));
                    }
                    found.add(new Found(
                            rs.getLong(1),
                            rs.getString(2),
                            Jsonp.object(rs.getString(3)),
                            rs.getInt(4),
                            id == null ? null : Ids.of(id),
                            id == null ? null : person,
                            id == null ? null : rs.getString(14),
                            rs.getBoolean(15)));
                }
            }
        }
        return found;
    }

    /** The phones of the contacts found: number to whether it is the primary one. */
    private static Map<UUID, Map<String, Boolean>> phones(Connection connection, Unit unit, List<UUID> ids)
            throws SQLException {
        Map<UUID, Map<String, Boolean>> phones = new HashMap<>();
        if (ids.isEmpty()) {
            return phones;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select contact_id, number, is_primary from contact_phone where org_id = ? and contact_id = any (?)")) {
            statement.setObject(1, unit.orgId());
            statement.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    phones.computeIfAbsent(Ids.of(rs.getObject(1)), id -> new HashMap<>())
                            .put(rs.getString(2), rs.getBoolean(3));
                }
            }
        }
        return phones;
    }

    private static List<RowProblem> judge(Found row, Unit unit) {
        List<RowProblem> problems = new ArrayList<>();
        if (row.owners() > 1) {
            problems.add(new RowProblem(
                    "primaryEmail", "belongs to several contacts: change them one at a time, by id, in the API"));
            return problems;
        }
        if (row.id() != null && unit.mode() == Mode.CREATE) {
            problems.add(new RowProblem("primaryEmail", "a contact has this email address already"));
        }
        if (row.id() == null && unit.mode() == Mode.UPDATE) {
            problems.add(new RowProblem("primaryEmail", "no contact has this email address"));
        }
        if (StagedFields.text(row.fields(), "status") != null && !row.knownStatus()) {
            problems.add(new RowProblem("status", "must be the slug of a status (GET /api/v1/statuses)"));
        }
        return problems;
    }

    /**
     * The person's fields as the contact will have them: the row's where it has the column (a blank
     * status leaves the status; a new contact is active unless the row says otherwise), the
     * contact's elsewhere.
     */
    private static List<String> person(Found row) {
        List<String> person = new ArrayList<>(PERSON.size());
        for (int i = 0; i < PERSON.size(); i++) {
            String field = PERSON.get(i);
            String current = row.person() == null ? null : row.person().get(i);
            String given = StagedFields.text(row.fields(), field);
            if (field.equals("status")) {
                person.add(given != null ? given : current != null ? current : "active");
            } else {
                person.add(row.fields().containsKey(field) ? given : current);
            }
        }
        return person;
    }

    private static Object[] contact(UUID id, List<String> person, String custom) {
        Object[] values = new Object[2 + PERSON.size()];
        values[0] = id;
        for (int i = 0; i < PERSON.size(); i++) {
            values[1 + i] = person.get(i);
        }
        values[1 + PERSON.size()] = custom;
        return values;
    }

    private static void write(
            Connection connection,
            Unit unit,
            RowArrays newContacts,
            RowArrays changedContacts,
            RowArrays newEmails,
            RowArrays newPhones,
            RowArrays primaryPhones)
            throws SQLException {
        String contactRows =
                """
                unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                       ?::text[], ?::text[]) with ordinality
                    as x (id, title, first_name, last_name, job_title, department, organization_name, status, notes,
                          custom_fields, n)""";
        if (!newContacts.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    """
                    insert into contact (id, org_id, title, first_name, last_name, job_title, department,
                        organization_name, status, notes, custom_fields, created_at, updated_at, created_by,
                        updated_by, last_job_id)
                    select x.id, ?, x.title, x.first_name, x.last_name, x.job_title, x.department,
                           x.organization_name, x.status, x.notes, x.custom_fields::jsonb, now(), now(), ?, ?, ?
                    from """
                            + " " + contactRows + " order by x.n")) {
                int next = actor(statement, unit, 1);
                newContacts.bind(connection, statement, next);
                statement.executeUpdate();
            }
        }
        if (!changedContacts.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    """
                    update contact c set title = x.title, first_name = x.first_name, last_name = x.last_name,
                        job_title = x.job_title, department = x.department, organization_name = x.organization_name,
                        status = x.status, notes = x.notes, custom_fields = x.custom_fields::jsonb,
                        updated_at = now(), updated_by = ?, last_job_id = ?, version = c.version + 1
                    from """
                            + " " + contactRows + " where c.org_id = ? and c.id = x.id")) {
                statement.setObject(1, unit.actorId());
                statement.setObject(2, unit.jobId());
                int next = changedContacts.bind(connection, statement, 3);
                statement.setObject(next, unit.orgId());
                statement.executeUpdate();
            }
        }
        if (!primaryPhones.isEmpty()) {
            // the row's phone becomes the primary one (the one-primary rule is checked at commit)
            try (PreparedStatement statement = connection.prepareStatement(
                    """
                    update contact_phone p set is_primary = (p.number = x.number), updated_at = now(), updated_by = ?,
                        version = p.version + 1
                    from unnest(?::uuid[], ?::text[]) as x (contact_id, number)
                    where p.org_id = ? and p.contact_id = x.contact_id and p.is_primary <> (p.number = x.number)""")) {
                statement.setObject(1, unit.actorId());
                int next = primaryPhones.bind(connection, statement, 2);
                statement.setObject(next, unit.orgId());
                statement.executeUpdate();
            }
        }
        channels(connection, unit, "contact_email", "email", newEmails);
        channels(connection, unit, "contact_phone", "number", newPhones);
    }

    /** New primary channels (an email or phone) of the unit's contacts. */
    private static void channels(Connection connection, Unit unit, String table, String column, RowArrays rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("insert into " + table
                + " (id, org_id, contact_id, " + column + ", type, is_primary, created_at, updated_at, created_by,"
                + " updated_by) select x.id, ?, x.contact_id, x.value, 'work', true, now(), now(), ?, ?"
                + " from unnest(?::uuid[], ?::uuid[], ?::text[]) with ordinality as x (id, contact_id, value, n)"
                + " order by x.n")) {
            statement.setObject(1, unit.orgId());
            statement.setObject(2, unit.actorId());
            statement.setObject(3, unit.actorId());
            rows.bind(connection, statement, 4);
            statement.executeUpdate();
        }
    }

    /** Binds the organization, creator, updater and job: the next parameter's index. */
    private static int actor(PreparedStatement statement, Unit unit, int first) throws SQLException {
        statement.setObject(first, unit.orgId());
        statement.setObject(first + 1, unit.actorId());
        statement.setObject(first + 2, unit.actorId());
        statement.setObject(first + 3, unit.jobId());
        return first + 4;
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
