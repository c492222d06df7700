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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's tags: which exist and where they are used; rename, merge, delete. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tags")
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
    @Operation(
            summary = "The organization's tags, each with how many records of each kind carry it "
                    + "(organization:read)",
            description = "By name unless sorted otherwise (name, createdAt); searched by q in the name. Tags are "
                    + "created by using them on a record.")
    @APIResponse(
            responseCode = "200",
            description = "A page",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TagPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<TagView> list(@Context UriInfo uri) {
        return Items.of(tags.list(tenant, CollectionParams.from(uri)), TagView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A tag with its usage")
    @APIResponse(
            responseCode = "200",
            description = "The tag",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Tag")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public TagView get(@PathParam("id") UUID id) {
        return TagView.of(tags.get(tenant, id));
    }

    /** Renames the tag on every record: {@code {"name": "..."}}. */
    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            summary = "Rename the tag on every record at once (organization:write); a name another tag has is a "
                    + "409 (merge instead)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TagRename")))
    @APIResponse(
            responseCode = "200",
            description = "Renamed",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Tag")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
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
    @Operation(
            summary = "Move every use of this tag to another one and delete this one (organization:write); a "
                    + "record carrying both keeps one")
    @Parameter(ref = "ifMatch")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TagMerge")))
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(
            responseCode = "200",
            description = "The tag merged into, with its usage",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Tag")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public TagView merge(@PathParam("id") UUID id, InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        UUID into = json.uuid("into", Need.REQUIRED);
        json.finish();
        return TagView.of(tags.merge(tenant, id, into, ETags.ifMatch(headers)));
    }

    /** Deletes the tag from every record. */
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete the tag from every record (organization:write)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        tags.delete(tenant, id, ETags.ifMatch(headers));
        return Response.noContent().build();
    }
}
