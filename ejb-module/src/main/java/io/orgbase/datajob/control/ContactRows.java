package io.orgbase.datajob.control;

import io.orgbase.contact.Contact;
import io.orgbase.contact.ContactPhone;
import io.orgbase.contact.boundary.ContactBook;
import io.orgbase.contact.boundary.ContactRequest;
import io.orgbase.contact.boundary.ContactRequest.EmailEntry;
import io.orgbase.contact.boundary.ContactRequest.PhoneEntry;
import io.orgbase.datajob.DataSpec.Mode;
import io.orgbase.datajob.ImportedCustomFields;
import io.orgbase.datajob.ImportedTags;
import io.orgbase.datajob.StagedFields;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.Contacts;
import io.orgbase.requests.Patch;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.persistence.config.QueryHints;

/**
 * One staged contact row, written through {@link ContactBook} in a transaction of its own (its rules
 * for names, statuses, channels, custom fields and tags, its audit entries and events), found by its
 * email address among every address of the organization's contacts. Marked with its outcome in that
 * transaction; a dry run rolls it back.
 */
@Stateless
@TenantScoped
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ContactRows {

    /** The person's fields: the file's column, the contact's value. */
    private static final Map<String, Function<Contact, String>> PERSON = Map.of(
            "title", Contact::getTitle,
            "firstName", Contact::getFirstName,
            "lastName", Contact::getLastName,
            "jobTitle", Contact::getJobTitle,
            "department", Contact::getDepartment,
            "organizationName", Contact::getOrganizationName,
            "status", Contact::getStatus,
            "notes", Contact::getNotes);

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    ContactBook contacts;

    @Inject
    DatabaseSession session;

    /**
     * @return created, updated or unchanged
     * @throws io.orgbase.problems.DomainException what the API would answer (the row's problem)
     */
    public String apply(Tenant tenant, UUID jobId, long rowNo, JsonObject fields, Mode mode, boolean dryRun) {
        String email = fields.getString("primaryEmail");
        // two rows (or a row and a request) creating a contact for one new address take turns
        session.lock("contact-email:" + tenant.orgId() + ":" + email);
        List<?> found = em.createNativeQuery("select distinct contact_id from contact_email"
                        + " where org_id = ?1 and lower(email) = lower(?2) limit 2")
                .setParameter(1, tenant.orgId())
                .setParameter(2, email)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (found.size() > 1) {
            throw InvalidInput.field(
                    "primaryEmail", "belongs to several contacts: change them one at a time, by id, in the API");
        }
        String phone = StagedFields.text(fields, "primaryPhone");
        String outcome;
        if (found.isEmpty()) {
            if (mode == Mode.UPDATE) {
                throw InvalidInput.field("primaryEmail", "no contact has this email address");
            }
            contacts.create(
                    tenant,
                    request(
                            fields,
                            List.of(new EmailEntry(email, null, true)),
                            phone == null ? null : List.of(new PhoneEntry(phone, null, true))));
            outcome = "created";
        } else {
            if (mode == Mode.CREATE) {
                throw InvalidInput.field("primaryEmail", "a contact has this email address already");
            }
            outcome = change(tenant, io.orgbase.persistence.Ids.of(found.get(0)), fields, phone)
                    ? "updated"
                    : "unchanged";
        }
        return RowOutcomes.finish(context, em, jobId, rowNo, outcome, dryRun);
    }

    /**
     * Changes what the row changes: the person's fields it has (a blank status leaves the status),
     * its phone made the primary one (added if the contact lacks it; a blank phone leaves the
     * phones), custom field values merged in, tags replaced. Whether anything changed.
     */
    private boolean change(Tenant tenant, UUID id, JsonObject fields, String phone) {
        Contact contact = contacts.get(tenant, id);
        Set<String> changed = new LinkedHashSet<>();
        PERSON.forEach((field, current) -> {
            if (fields.containsKey(field)
                    && !(field.equals("status") && fields.isNull(field))
                    && !Objects.equals(StagedFields.text(fields, field), current.apply(contact))) {
                changed.add(field);
            }
        });
        List<PhoneEntry> phones = null;
        String number = Contacts.e164(phone);
        if (number != null) {
            boolean primaryAlready = contact.getPhones().stream()
                    .anyMatch(p -> p.isPrimary() && p.getNumber().equals(number));
            if (!primaryAlready) {
                phones = new ArrayList<>();
                boolean known = false;
                for (ContactPhone existing : contact.getPhones()) {
                    boolean it = existing.getNumber().equals(number);
                    known |= it;
                    phones.add(new PhoneEntry(existing.getNumber(), existing.getType(), it));
                }
                if (!known) {
                    phones.add(new PhoneEntry(number, null, true));
                }
                changed.add("phones");
            }
        }
        String custom = StagedFields.text(fields, ImportedCustomFields.FIELD);
        if (ImportedCustomFields.changes(contact.getCustomFields(), custom)) {
            changed.add("customFields");
        }
        List<String> tags = ImportedTags.of(fields);
        if (tags != null && !lower(tags).equals(lower(contact.getTags()))) {
            changed.add("tags");
        }
        if (changed.isEmpty()) {
            return false;
        }
        contacts.update(tenant, id, new Patch<>(request(fields, null, phones), changed));
        return true;
    }

    private static ContactRequest request(JsonObject fields, List<EmailEntry> emails, List<PhoneEntry> phones) {
        return new ContactRequest(
                StagedFields.text(fields, "title"),
                StagedFields.text(fields, "firstName"),
                StagedFields.text(fields, "lastName"),
                StagedFields.text(fields, "jobTitle"),
                StagedFields.text(fields, "department"),
                StagedFields.text(fields, "organizationName"),
                StagedFields.text(fields, "status"),
                StagedFields.text(fields, "notes"),
                emails,
                phones,
                null,
                StagedFields.text(fields, ImportedCustomFields.FIELD),
                ImportedTags.of(fields));
    }

    private static Set<String> lower(List<String> names) {
        Set<String> lower = new HashSet<>();
        if (names != null) {
            names.forEach(name -> lower.add(name.toLowerCase(Locale.ROOT)));
        }
        return lower;
    }
}
