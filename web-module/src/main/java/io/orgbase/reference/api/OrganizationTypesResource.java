package io.orgbase.reference.api;

import io.orgbase.api.Callers;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.reference.OrganizationType;
import io.orgbase.reference.boundary.OrganizationTypes;
import io.orgbase.reference.boundary.OrganizationTypes.TypeRequest;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;

/** The organization types. */
@Path("organization-types")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationTypesResource {

    @Inject
    Callers callers;

    @Inject
    OrganizationTypes types;

    public record TypeView(
            String key,
            String name,
            String description,
            boolean active,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static TypeView of(OrganizationType t) {
            return new TypeView(
                    t.getKey(),
                    t.getName(),
                    t.getDescription(),
                    t.isActive(),
                    t.getCreatedAt(),
                    t.getUpdatedAt(),
                    t.getVersion());
        }
    }

    @GET
    public Items<TypeView> list(@Context UriInfo uri) {
        return Items.of(types.list(callers.current(), CollectionParams.from(uri)), TypeView::of);
    }

    @GET
    @Path("{key}")
    public TypeView get(@PathParam("key") String key) {
        return TypeView.of(types.get(callers.current(), key));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context UriInfo uri) {
        TypeRequest request = read(JsonBody.read(body), Need.REQUIRED);
        OrganizationType created = types.create(callers.current(), request);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.getKey()).build())
                .entity(TypeView.of(created))
                .build();
    }

    @PATCH
    @Path("{key}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public TypeView update(@PathParam("key") String key, InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        TypeRequest values = read(json, Need.OPTIONAL);
        return TypeView.of(
                types.update(callers.current(), key, new Patch<>(values, json.present(), ETags.ifMatch(headers))));
    }

    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("key") String key, @Context HttpHeaders headers) {
        types.delete(callers.current(), key, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    private static TypeRequest read(JsonBody json, Need identity) {
        TypeRequest request = new TypeRequest(
                json.string("key", identity),
                json.string("name", identity),
                json.string("description", Need.NULLABLE),
                json.bool("active", Need.OPTIONAL));
        json.finish();
        return request;
    }
}
