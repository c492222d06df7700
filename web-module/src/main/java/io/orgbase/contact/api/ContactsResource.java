package io.orgbase.contact.api;

import io.orgbase.api.AddressView;
import io.orgbase.api.CollectionDoc;
import io.orgbase.api.CollectionResource;
import io.orgbase.api.Tagged;
import io.orgbase.contact.Contact;
import io.orgbase.contact.ContactAddress;
import io.orgbase.contact.ContactEmail;
import io.orgbase.contact.ContactPhone;
import io.orgbase.contact.boundary.ContactBook;
import io.orgbase.contact.boundary.ContactRequest;
import io.orgbase.contact.boundary.ContactRequest.AddressEntry;
import io.orgbase.contact.boundary.ContactRequest.EmailEntry;
import io.orgbase.contact.boundary.ContactRequest.PhoneEntry;
import io.orgbase.json.Jsonp;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Contacts of one organization, each with its email addresses, phone numbers and postal addresses. */
@Tag(name = "contacts")
@CollectionDoc(
        item = "Contact",
        request = "ContactRequest",
        patch = "ContactRequest",
        list =
                @Operation(
                        summary = "Contacts, oldest first unless sorted otherwise (contacts:read)",
                        description =
                                "Sortable: createdAt (default), updatedAt. Filterable: those, id, firstName, lastName, "
                                        + "organizationName, jobTitle, department, status, email (contacts with any of these email "
                                        + "addresses, any case) and tag (any of the named tags, any case); email and tag take eq, "
                                        + "neq, in and notin. Searched by q: first and last name, organization name, job title."),
        create = @Operation(summary = "Create a contact with its channels (contacts:write; owner, admin)"),
        bulk =
                @Operation(
                        summary = "Create, change and delete contacts in one request (contacts:write)",
                        description =
                                "Operations: create (body as POST /contacts), update (as PATCH), delete. Each runs "
                                        + "exactly as its single-item endpoint would and gets that endpoint's status and body. With "
                                        + "atomic true they share one transaction. At most 100 operations."),
        get = @Operation(summary = "A contact with its channels"),
        update =
                @Operation(
                        summary =
                                "Change a contact; a channel list sent replaces that kind of channel (null clears it) "
                                        + "(contacts:write)"),
        delete = @Operation(summary = "Delete a contact with its channels and tags (contacts:write)"))
public class ContactsResource extends CollectionResource<UUID, Contact, ContactRequest, ContactsResource.ContactView> {

    private final Tenant tenant;
    private final ContactBook contacts;

    public ContactsResource(Tenant tenant, ContactBook contacts) {
        super(UUIDS, ContactView::of, Contact::getId);
        this.tenant = tenant;
        this.contacts = contacts;
    }

    public record EmailView(String email, String type, boolean primary) {}

    public record PhoneView(String number, String type, boolean primary) {}

    public record AddressEntryView(AddressView address, String type, boolean primary) {}

    public record ContactView(
            UUID id,
            String title,
            String firstName,
            String lastName,
            String jobTitle,
            String department,
            String organizationName,
            String status,
            String notes,
            String primaryEmail,
            String primaryPhone,
            List<EmailView> emails,
            List<PhoneView> phones,
            List<AddressEntryView> addresses,
            JsonObject customFields,
            List<String> tags,
            OffsetDateTime createdAt,
            UUID createdBy,
            OffsetDateTime updatedAt,
            UUID updatedBy,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static ContactView of(Contact c) {
            List<EmailView> emails = c.getEmails().stream()
                    .map((ContactEmail e) -> new EmailView(e.getEmail(), e.getType(), e.isPrimary()))
                    .toList();
            List<PhoneView> phones = c.getPhones().stream()
                    .map((ContactPhone p) -> new PhoneView(p.getNumber(), p.getType(), p.isPrimary()))
                    .toList();
            List<AddressEntryView> addresses = c.getAddresses().stream()
                    .map((ContactAddress a) ->
                            new AddressEntryView(AddressView.of(a.getAddress()), a.getType(), a.isPrimary()))
                    .toList();
            return new ContactView(
                    c.getId(),
                    c.getTitle(),
                    c.getFirstName(),
                    c.getLastName(),
                    c.getJobTitle(),
                    c.getDepartment(),
                    c.getOrganizationName(),
                    c.getStatus(),
                    c.getNotes(),
                    emails.stream()
                            .filter(EmailView::primary)
                            .map(EmailView::email)
                            .findFirst()
                            .orElse(null),
                    phones.stream()
                            .filter(PhoneView::primary)
                            .map(PhoneView::number)
                            .findFirst()
                            .orElse(null),
                    emails,
                    phones,
                    addresses,
                    Jsonp.object(c.getCustomFields()),
                    c.getTags(),
                    c.getCreatedAt(),
                    c.getCreatedBy(),
                    c.getUpdatedAt(),
                    c.getUpdatedBy(),
                    c.getVersion());
        }
    }

    @Override
    protected Calls<Tenant, UUID, Contact, ContactRequest> calls() {
        return new Calls<>(tenant, contacts::list, contacts::get, contacts::create, contacts::update, contacts::delete);
    }

    @Override
    protected ContactRequest read(JsonBody json, Write write) {
        return new ContactRequest(
                json.string("title", Need.NULLABLE),
                json.string("firstName", Need.NULLABLE),
                json.string("lastName", Need.NULLABLE),
                json.string("jobTitle", Need.NULLABLE),
                json.string("department", Need.NULLABLE),
                json.string("organizationName", Need.NULLABLE),
                json.string("status", write.clearable()),
                json.string("notes", Need.NULLABLE),
                emails(json.objects("emails", write.clearable(), ContactRequest.MAX_CHANNELS)),
                phones(json.objects("phones", write.clearable(), ContactRequest.MAX_CHANNELS)),
                addresses(json.objects("addresses", write.clearable(), ContactRequest.MAX_CHANNELS)),
                json.document("customFields", write.clearable()),
                json.strings("tags", write.clearable(), Tags.MAX_PER_RECORD));
    }

    private static List<EmailEntry> emails(List<JsonBody> items) {
        return items == null
                ? null
                : items.stream()
                        .map(i -> new EmailEntry(
                                i.string("email", Need.REQUIRED),
                                i.string("type", Need.OPTIONAL),
                                i.bool("primary", Need.OPTIONAL)))
                        .toList();
    }

    private static List<PhoneEntry> phones(List<JsonBody> items) {
        return items == null
                ? null
                : items.stream()
                        .map(i -> new PhoneEntry(
                                i.string("number", Need.REQUIRED),
                                i.string("type", Need.OPTIONAL),
                                i.bool("primary", Need.OPTIONAL)))
                        .toList();
    }

    private static List<AddressEntry> addresses(List<JsonBody> items) {
        return items == null
                ? null
                : items.stream()
                        .map(i -> new AddressEntry(
                                AddressView.read(i, "address", Need.REQUIRED),
                                i.string("type", Need.OPTIONAL),
                                i.bool("primary", Need.OPTIONAL)))
                        .toList();
    }
}
