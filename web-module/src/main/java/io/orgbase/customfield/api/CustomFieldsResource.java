package io.orgbase.customfield.api;

import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.customfield.CustomField;
import io.orgbase.customfield.boundary.CustomFieldRequest;
import io.orgbase.customfield.boundary.CustomFields;
import io.orgbase.json.Jsonp;
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonArray;
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
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The organization's custom field definitions. */
@Produces(MediaType.APPLICATION_JSON)
public class CustomFieldsResource {

    private final Tenant tenant;
    private final CustomFields fields;

    public CustomFieldsResource(Tenant tenant, CustomFields fields) {
        this.tenant = tenant;
        this.fields = fields;
    }

    public record CustomFieldView(
            UUID id,
            String entity,
            String key,
            String label,
            String type,
            boolean required,
            JsonArray enumValues,
            int position,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static CustomFieldView of(CustomField f) {
            JsonArray values;
            try (var reader = Jsonp.PROVIDER.createReader(new StringReader(f.getEnumValues()))) {
                values = reader.readArray();
            }
            return new CustomFieldView(
                    f.getId(),
                    f.getEntity(),
                    f.getKey(),
                    f.getLabel(),
                    f.getType(),
                    f.isRequired(),
                    values,
                    f.getPosition(),
                    f.getCreatedAt(),
                    f.getUpdatedAt(),
                    f.getVersion());
        }
    }

    @GET
    public Items<CustomFieldView> list(@Context UriInfo uri) {
        return Items.of(fields.list(tenant, CollectionParams.from(uri)), CustomFieldView::of);
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
                        .delete((id, precondition) -> fields.delete(tenant, id, precondition)));
    }

    private Response created(InputStream body, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        CustomFieldRequest request = new CustomFieldRequest(
                json.string("entity", Need.REQUIRED),
                json.string("key", Need.REQUIRED),
                json.string("label", Need.REQUIRED),
                json.string("type", Need.REQUIRED),
                json.bool("required", Need.OPTIONAL),
                json.strings("enumValues", Need.OPTIONAL, 100),
                json.integer("position", Need.OPTIONAL));
        json.finish();
        CustomField created = fields.create(tenant, request);
        return Response.created(collection.path(created.getId().toString()).build())
                .entity(CustomFieldView.of(created))
                .build();
    }

    @GET
    @Path("{id}")
    public CustomFieldView get(@PathParam("id") UUID id) {
        return CustomFieldView.of(fields.get(tenant, id));
    }

    /** Changes label, required, enum values or position; entity, key and type are fixed. */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public CustomFieldView update(@PathParam("id") UUID id, InputStream body, @Context HttpHeaders headers) {
        return updated(id, body, ETags.ifMatch(headers));
    }

    private CustomFieldView updated(UUID id, InputStream body, Precondition precondition) {
        JsonBody json = JsonBody.read(body);
        CustomFieldRequest values = new CustomFieldRequest(
                json.string("entity", Need.OPTIONAL),
                json.string("key", Need.OPTIONAL),
                json.string("label", Need.OPTIONAL),
                json.string("type", Need.OPTIONAL),
                json.bool("required", Need.OPTIONAL),
                json.strings("enumValues", Need.NULLABLE, 100),
                json.integer("position", Need.OPTIONAL));
        json.finish();
        return CustomFieldView.of(fields.update(tenant, id, new Patch<>(values, json.present(), precondition)));
    }

    /** Deletes the definition and its values on every record. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        fields.delete(tenant, id, ETags.ifMatch(headers));
        return Response.noContent().build();
    }
}
