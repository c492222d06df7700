package io.orgbase.contact.api;

import io.orgbase.api.AddressView;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
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
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Contacts of one organization, each with its email addresses, phone numbers and postal addresses. */
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {

    private final Tenant tenant;
    private final ContactBook contacts;

    public ContactsResource(Tenant tenant, ContactBook contacts) {
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

    @GET
    public Items<ContactView> list(@Context UriInfo uri) {
        return Items.of(contacts.list(tenant, CollectionParams.from(uri)), ContactView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context UriInfo uri) {
        return created(body, uri.getAbsolutePathBuilder());
    }

    /**
     * Many creates, updates and deletes in one request, each answered as its own endpoint would;
     * {@code atomic: true} makes it all or nothing.
     */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bulk.Outcome bulk(InputStream body, @Context UriInfo uri) {
        UriBuilder collection = Bulk.collection(uri);
        return Bulk.run(
                body,
                Bulk.Operations.byUuid()
                        .create(item -> created(item, collection.clone()))
                        .update(this::updated)
                        .delete((id, precondition) -> contacts.delete(tenant, id, precondition)));
    }

    @GET
    @Path("{id}")
    public ContactView get(@PathParam("id") UUID id) {
        return ContactView.of(contacts.get(tenant, id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public ContactView update(@PathParam("id") UUID id, InputStream body, @Context HttpHeaders headers) {
        return updated(id, body, ETags.ifMatch(headers));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        contacts.delete(tenant, id, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    private Response created(InputStream body, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        ContactRequest request = read(json, false);
        json.finish();
        Contact created = contacts.create(tenant, request);
        return Response.created(collection.path(created.getId().toString()).build())
                .entity(ContactView.of(created))
                .build();
    }

    private ContactView updated(UUID id, InputStream body, Precondition precondition) {
        JsonBody json = JsonBody.read(body);
        ContactRequest values = read(json, true);
        json.finish();
        return ContactView.of(contacts.update(tenant, id, new Patch<>(values, json.present(), precondition)));
    }

    private static ContactRequest read(JsonBody json, boolean update) {
        Need optional = update ? Need.NULLABLE : Need.OPTIONAL;
        return new ContactRequest(
                json.string("title", Need.NULLABLE),
                json.string("firstName", Need.NULLABLE),
                json.string("lastName", Need.NULLABLE),
                json.string("jobTitle", Need.NULLABLE),
                json.string("department", Need.NULLABLE),
                json.string("organizationName", Need.NULLABLE),
                json.string("status", update ? Need.NULLABLE : Need.OPTIONAL),
                json.string("notes", Need.NULLABLE),
                emails(json.objects("emails", optional, ContactRequest.MAX_CHANNELS)),
                phones(json.objects("phones", optional, ContactRequest.MAX_CHANNELS)),
                addresses(json.objects("addresses", optional, ContactRequest.MAX_CHANNELS)),
                json.document("customFields", optional),
                json.strings("tags", optional, Tags.MAX_PER_RECORD));
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
