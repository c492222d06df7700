package io.orgbase.reference.api;

import io.orgbase.api.Callers;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.reference.Status;
import io.orgbase.reference.boundary.Statuses;
import io.orgbase.reference.boundary.Statuses.StatusRequest;
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

/** The status vocabulary. */
@Path("statuses")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatusesResource {

    @Inject
    Callers callers;

    @Inject
    Statuses statuses;

    public record StatusView(String slug, String name, String description, String category, String colour, long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static StatusView of(Status s) {
            return new StatusView(
                    s.getSlug(), s.getName(), s.getDescription(), s.getCategory(), s.getColour(), s.getVersion());
        }
    }

    @GET
    public Items<StatusView> list(@Context UriInfo uri) {
        return Items.of(statuses.list(callers.current(), CollectionParams.from(uri)), StatusView::of);
    }

    @GET
    @Path("{slug}")
    public StatusView get(@PathParam("slug") String slug) {
        return StatusView.of(statuses.get(callers.current(), slug));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context UriInfo uri) {
        StatusRequest request = read(JsonBody.read(body), Need.REQUIRED);
        Status created = statuses.create(callers.current(), request);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.getSlug()).build())
                .entity(StatusView.of(created))
                .build();
    }

    @PATCH
    @Path("{slug}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public StatusView update(@PathParam("slug") String slug, InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        StatusRequest values = read(json, Need.OPTIONAL);
        return StatusView.of(
                statuses.update(callers.current(), slug, new Patch<>(values, json.present(), ETags.ifMatch(headers))));
    }

    @DELETE
    @Path("{slug}")
    public Response delete(@PathParam("slug") String slug, @Context HttpHeaders headers) {
        statuses.delete(callers.current(), slug, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    private static StatusRequest read(JsonBody json, Need identity) {
        StatusRequest request = new StatusRequest(
                json.string("slug", identity),
                json.string("name", identity),
                json.string("description", Need.NULLABLE),
                json.string("category", Need.OPTIONAL),
                json.string("colour", Need.NULLABLE));
        json.finish();
        return request;
    }
}
