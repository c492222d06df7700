package io.orgbase.contact.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionField;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.contact.Contact;
import io.orgbase.contact.ContactAddress;
import io.orgbase.contact.ContactChannel;
import io.orgbase.contact.ContactEmail;
import io.orgbase.contact.ContactPhone;
import io.orgbase.contact.boundary.ContactRequest.AddressEntry;
import io.orgbase.contact.boundary.ContactRequest.EmailEntry;
import io.orgbase.contact.boundary.ContactRequest.PhoneEntry;
import io.orgbase.extensible.ExtensibleRecords;
import io.orgbase.extensible.ExtensibleRecords.Extras;
import io.orgbase.extensible.ExtensibleResults;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.reference.control.Vocabularies;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Contacts of the tenant organization. Every query is limited to the tenant by the ORM and RLS. A
 * contact's channels are written as whole lists per kind; the database holds each kind to exactly
 * one primary.
 */
@Stateless
@Audited
@TenantScoped
@ExtensibleResults
public class ContactBook {

    /** What clients may sort, filter and search contacts on; by last name unless asked otherwise. */
    public static final CollectionSpec<Contact> COLLECTION = CollectionSpec.of(Contact.class)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .sortable("updatedAt", "updatedAt", FieldType.TIMESTAMP, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("lastName", "lastName", FieldType.STRING, true)
            .filterable("firstName", "firstName", FieldType.STRING, true)
            .filterable("organizationName", "organizationName", FieldType.STRING, true)
            .filterable("jobTitle", "jobTitle", FieldType.STRING, true)
            .filterable("department", "department", FieldType.STRING, false)
            .filterable("status", "status", FieldType.STRING, false)
            .related("email", FieldType.STRING, ContactBook::withEmail)
            .related("tag", FieldType.STRING, Tags.filter(RecordKind.CONTACT))
            .defaultSort("createdAt", false)
            .build();

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    ExtensibleRecords extensible;

    @Inject
    CollectionQueries collections;

    @Inject
    Vocabularies vocabularies;

    @RequiresPermission(Permission.CONTACTS_READ)
    public Slice<Contact> list(Tenant tenant, CollectionRequest request) {
        Slice<Contact> page = collections.page(COLLECTION, request);
        attachChannels(page.items());
        return page;
    }

    /** @throws NotFound when the tenant has no contact with this id */
    @RequiresPermission(Permission.CONTACTS_READ)
    public Contact get(Tenant tenant, UUID id) {
        Contact contact = require(id);
        complete(List.of(contact));
        return contact;
    }

    /** @throws InvalidInput naming each wrong field (channels as {@code emails[1].email}) */
    @RequiresPermission(Permission.CONTACTS_WRITE)
    public Contact create(Tenant tenant, @Valid ContactRequest request) {
        Set<String> all = Set.of(
                "title", "firstName", "lastName", "jobTitle", "department", "organizationName", "status", "notes");
        Contact contact = new Contact();
        Extras extras = extensible.forNew(contact, request);
        requireStatus(request.status());
        requireChannels(request);
        person(contact, request, all);
        if (request.status() == null) {
            contact.setStatus("active");
        }
        extras.setOn(contact);
        requireNamed(contact);
        em.persist(contact);
        em.flush();
        writeChannels(contact, request.emails(), request.phones(), request.addresses(), true);
        extensible.store(tenant, contact, extras);
        complete(List.of(contact));
        return contact;
    }

    /**
     * Applies the fields present; a channel list sent replaces that kind of channel, null clears it.
     *
     * @throws NotFound when the tenant has no contact with this id
     */
    @RequiresPermission(Permission.CONTACTS_WRITE)
    public Contact update(Tenant tenant, UUID id, @Valid Patch<ContactRequest> patch) {
        Contact contact = require(id);
        patch.precondition().check(contact);
        ContactRequest values = patch.values();
        // Checks (queries) before changes: a query after a change flushes it as an UPDATE of its own.
        if (patch.has("status")) {
            if (values.status() == null) {
                throw InvalidInput.field("status", "must be a status slug");
            }
            requireStatus(values.status());
        }
        requireChannels(values);
        Extras extras = extensible.forChange(contact, patch);
        person(contact, values, patch.fields());
        extras.setOn(contact);
        requireNamed(contact);
        em.flush();
        boolean channels = patch.has("emails") || patch.has("phones") || patch.has("addresses");
        writeChannels(
                contact,
                patch.has("emails") ? orEmpty(values.emails()) : null,
                patch.has("phones") ? orEmpty(values.phones()) : null,
                patch.has("addresses") ? orEmpty(values.addresses()) : null,
                false);
        if (extras.tags() != null) {
            extensible.store(tenant, contact, extras);
        } else if (channels) {
            // Channels are part of the contact as clients see it: a new version (ETag).
            em.lock(contact, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
        }
        complete(List.of(contact));
        return contact;
    }

    /** Deletes the contact with its channels and tags. */
    @RequiresPermission(Permission.CONTACTS_WRITE)
    public void delete(Tenant tenant, UUID id, Precondition precondition) {
        Contact contact = require(id);
        precondition.check(contact);
        em.remove(contact);
        em.flush();
    }

    private static void person(Contact contact, ContactRequest values, Set<String> fields) {
        if (fields.contains("title")) {
            contact.setTitle(strip(values.title()));
        }
        if (fields.contains("firstName")) {
            contact.setFirstName(strip(values.firstName()));
        }
        if (fields.contains("lastName")) {
            contact.setLastName(strip(values.lastName()));
        }
        if (fields.contains("jobTitle")) {
            contact.setJobTitle(strip(values.jobTitle()));
        }
        if (fields.contains("department")) {
            contact.setDepartment(strip(values.department()));
        }
        if (fields.contains("organizationName")) {
            contact.setOrganizationName(strip(values.organizationName()));
        }
        if (fields.contains("status") && values.status() != null) {
            contact.setStatus(values.status());
        }
        if (fields.contains("notes")) {
            contact.setNotes(values.notes());
        }
    }

    private static void requireNamed(Contact contact) {
        if (contact.getFirstName() == null && contact.getLastName() == null) {
            throw InvalidInput.field("lastName", "a contact needs a first or a last name");
        }
    }

    private void requireStatus(String status) {
        if (status != null && vocabularies.status(status).isEmpty()) {
            throw InvalidInput.field("status", "must be the slug of a status (GET /api/v1/statuses)");
        }
    }

    /** At most one primary per list, and no value twice (emails in any case). */
    private static void requireChannels(ContactRequest request) {
        List<FieldError> errors = new ArrayList<>();
        check("emails", request.emails(), EmailEntry::primary, e -> e.email().toLowerCase(Locale.ROOT), errors);
        check(
                "phones",
                request.phones(),
                PhoneEntry::primary,
                p -> io.orgbase.requests.Contacts.e164(p.number()),
                errors);
        check("addresses", request.addresses(), AddressEntry::primary, a -> null, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static <T> void check(
            String field,
            List<T> entries,
            Function<T, Boolean> primary,
            Function<T, String> key,
            List<FieldError> errors) {
        if (entries == null) {
            return;
        }
        if (entries.size() > ContactRequest.MAX_CHANNELS) {
            errors.add(new FieldError(field, "must have at most " + ContactRequest.MAX_CHANNELS + " entries"));
            return;
        }
        if (entries.stream().filter(e -> Boolean.TRUE.equals(primary.apply(e))).count() > 1) {
            errors.add(new FieldError(field, "exactly one entry is primary; this list marks several"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String value = key.apply(entries.get(i));
            if (value != null && !seen.add(value)) {
                errors.add(new FieldError(field + "[" + i + "]", "appears twice"));
            }
        }
    }

    /**
     * Replaces each kind of channel the request carries. Rows that stay (the same email in any
     * case, the same number) are updated in place; the others are removed before the new ones go in.
     */
    private void writeChannels(
            Contact contact,
            List<EmailEntry> emails,
            List<PhoneEntry> phones,
            List<AddressEntry> addresses,
            boolean creating) {
        UUID id = contact.getId();
        Map<String, List<ContactChannel>> stored = creating ? Map.of() : storedChannels(id);
        List<ContactChannel> toInsert = new ArrayList<>();
        if (emails != null) {
            Map<String, ContactChannel> existing = byKey(
                    stored.get("emails"), c -> ((ContactEmail) c).getEmail().toLowerCase(Locale.ROOT));
            List<EmailEntry> entries = emails;
            for (int i = 0; i < entries.size(); i++) {
                EmailEntry entry = entries.get(i);
                boolean primary = isPrimary(entries, i, EmailEntry::primary);
                String type = entry.type() == null ? "work" : entry.type();
                ContactChannel kept = existing.remove(entry.email().toLowerCase(Locale.ROOT));
                if (kept == null) {
                    toInsert.add(new ContactEmail(id, entry.email().strip(), type, primary));
                } else {
                    ((ContactEmail) kept).setEmail(entry.email().strip());
                    kept.setType(type);
                    kept.setPrimary(primary);
                }
            }
            existing.values().forEach(em::remove);
        }
        if (phones != null) {
            Map<String, ContactChannel> existing = byKey(stored.get("phones"), c -> ((ContactPhone) c).getNumber());
            List<PhoneEntry> entries = phones;
            for (int i = 0; i < entries.size(); i++) {
                PhoneEntry entry = entries.get(i);
                boolean primary = isPrimary(entries, i, PhoneEntry::primary);
                String type = entry.type() == null ? "work" : entry.type();
                String number = io.orgbase.requests.Contacts.e164(entry.number());
                ContactChannel kept = existing.remove(number);
                if (kept == null) {
                    toInsert.add(new ContactPhone(id, number, type, primary));
                } else {
                    kept.setType(type);
                    kept.setPrimary(primary);
                }
            }
            existing.values().forEach(em::remove);
        }
        if (addresses != null) {
            stored.getOrDefault("addresses", List.of()).forEach(em::remove);
            List<AddressEntry> entries = addresses;
            for (int i = 0; i < entries.size(); i++) {
                AddressEntry entry = entries.get(i);
                toInsert.add(new ContactAddress(
                        id,
                        entry.address().toAddress(),
                        entry.type() == null ? "work" : entry.type(),
                        isPrimary(entries, i, AddressEntry::primary)));
            }
        }
        // Removals first: a value re-added in another case must not meet its old row.
        em.flush();
        toInsert.forEach(em::persist);
        em.flush();
    }

    private static <T> boolean isPrimary(List<T> entries, int index, Function<T, Boolean> primary) {
        boolean anyMarked = entries.stream().anyMatch(e -> Boolean.TRUE.equals(primary.apply(e)));
        return anyMarked ? Boolean.TRUE.equals(primary.apply(entries.get(index))) : index == 0;
    }

    private static Map<String, ContactChannel> byKey(
            List<ContactChannel> channels, Function<ContactChannel, String> key) {
        Map<String, ContactChannel> result = new HashMap<>();
        if (channels != null) {
            channels.forEach(c -> result.put(key.apply(c), c));
        }
        return result;
    }

    private Map<String, List<ContactChannel>> storedChannels(UUID id) {
        Map<String, List<ContactChannel>> stored = new HashMap<>();
        stored.put("emails", new ArrayList<>(load("ContactEmail.ofContacts", ContactEmail.class, List.of(id))));
        stored.put("phones", new ArrayList<>(load("ContactPhone.ofContacts", ContactPhone.class, List.of(id))));
        stored.put("addresses", new ArrayList<>(load("ContactAddress.ofContacts", ContactAddress.class, List.of(id))));
        return stored;
    }

    /** Loads the channels of contacts: one query per kind for all of them (tags come with every result). */
    private void complete(List<Contact> contacts) {
        attachChannels(contacts);
    }

    private void attachChannels(List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        List<UUID> ids = contacts.stream().map(Contact::getId).toList();
        Map<UUID, List<ContactEmail>> emails = group(load("ContactEmail.ofContacts", ContactEmail.class, ids));
        Map<UUID, List<ContactPhone>> phones = group(load("ContactPhone.ofContacts", ContactPhone.class, ids));
        Map<UUID, List<ContactAddress>> addresses = group(load("ContactAddress.ofContacts", ContactAddress.class, ids));
        for (Contact contact : contacts) {
            contact.attachChannels(
                    emails.getOrDefault(contact.getId(), List.of()),
                    phones.getOrDefault(contact.getId(), List.of()),
                    addresses.getOrDefault(contact.getId(), List.of()));
        }
    }

    private <C extends ContactChannel> List<C> load(String query, Class<C> type, List<UUID> ids) {
        return em.createNamedQuery(query, type).setParameter("ids", ids).getResultList();
    }

    private static <C extends ContactChannel> Map<UUID, List<C>> group(List<C> channels) {
        Map<UUID, List<C>> grouped = new HashMap<>();
        channels.forEach(c -> grouped.computeIfAbsent(c.getContactId(), k -> new ArrayList<>())
                .add(c));
        return grouped;
    }

    /** Contacts with any of these email addresses (any case). */
    private static jakarta.persistence.criteria.Predicate withEmail(CollectionField.Where where, List<Object> emails) {
        jakarta.persistence.criteria.CriteriaBuilder cb = where.cb();
        Subquery<UUID> owners = where.query().subquery(UUID.class);
        Root<ContactEmail> email = owners.from(ContactEmail.class);
        owners.select(email.get("contactId"))
                .where(email.get("emailKey") // lower(email), stored: equality the planner may index under RLS
                        .in(emails.stream()
                                .map(e -> ((String) e).strip().toLowerCase(Locale.ROOT))
                                .toList()));
        return where.root().get("id").in(owners);
    }

    private Contact require(UUID id) {
        Contact contact = em.find(Contact.class, id);
        if (contact == null) {
            throw new NotFound("No such contact.");
        }
        return contact;
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
