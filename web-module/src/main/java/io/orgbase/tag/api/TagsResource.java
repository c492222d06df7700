package io.orgbase.tag.api;

import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tag.boundary.TagVocabulary;
import io.orgbase.tag.boundary.TagVocabulary.Used;
import io.orgbase.tenancy.Tenant;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The organization's tags: which exist and where they are used; rename, merge, delete. */
@Produces(MediaType.APPLICATION_JSON)
public class TagsResource {

    private final Tenant tenant;
    private final TagVocabulary tags;

    public TagsResource(Tenant tenant, TagVocabulary tags) {
        this.tenant = tenant;
        this.tags = tags;
    }

    /** A tag and how many records of each kind carry it. */
    public record TagView(UUID id, String name, Map<String, Long> usage, OffsetDateTime createdAt, long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static TagView of(Used used) {
            Map<String, Long> usage = new LinkedHashMap<>();
            // only the kinds the caller may read are counted (the boundary leaves the others out)
            used.usage().forEach((kind, count) -> usage.put(kind.key(), count));
            return new TagView(
                    used.tag().getId(),
                    used.tag().getName(),
                    usage,
                    used.tag().getCreatedAt(),
                    used.tag().getVersion());
        }
    }

    @GET
    public Items<TagView> list(@Context UriInfo uri) {
        return Items.of(tags.list(tenant, CollectionParams.from(uri)), TagView::of);
    }

    @GET
    @Path("{id}")
    public TagView get(@PathParam("id") UUID id) {
        return TagView.of(tags.get(tenant, id));
    }

    /** Renames the tag on every record: {@code {"name": "..."}}. */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public TagView rename(@PathParam("id") UUID id, InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        String name = json.string("name", Need.REQUIRED);
        json.finish();
        return TagView.of(tags.rename(tenant, id, name, ETags.ifMatch(headers)));
    }

    /** Moves every use of this tag to another and deletes this one: {@code {"into": "<tag id>"}}. */
    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public TagView merge(@PathParam("id") UUID id, InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        UUID into = json.uuid("into", Need.REQUIRED);
        json.finish();
        return TagView.of(tags.merge(tenant, id, into, ETags.ifMatch(headers)));
    }

    /** Deletes the tag from every record. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        tags.delete(tenant, id, ETags.ifMatch(headers));
        return Response.noContent().build();
    }
}
