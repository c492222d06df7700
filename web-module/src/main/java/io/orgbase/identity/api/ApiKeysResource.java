package io.orgbase.identity.api;

import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.identity.ApiKey;
import io.orgbase.identity.boundary.ApiKeyRequest;
import io.orgbase.identity.boundary.ApiKeys;
import io.orgbase.identity.boundary.ApiKeys.Created;
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys of one organization. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "api-keys")
public class ApiKeysResource {

    private final Tenant tenant;
    private final ApiKeys apiKeys;

    public ApiKeysResource(Tenant tenant, ApiKeys apiKeys) {
        this.tenant = tenant;
        this.apiKeys = apiKeys;
    }

    public record ApiKeyView(
            UUID id,
            String name,
            String prefix,
            String role,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt,
            OffsetDateTime lastUsedAt,
            OffsetDateTime revokedAt,
            Integer rateLimitPerMinute,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(
                    key.getId(),
                    key.getName(),
                    key.getPrefix(),
                    key.getRole().key(),
                    key.getCreatedAt(),
                    key.getExpiresAt(),
                    key.getLastUsedAt(),
                    key.getRevokedAt(),
                    key.getRateLimitPerMinute(),
                    key.getVersion());
        }
    }

    /** The one answer that carries the secret. */
    public record CreatedView(ApiKeyView apiKey, String key) implements Tagged {

        @Override
        public Long etagVersion() {
            return apiKey.etagVersion();
        }
    }

    @GET
    @Operation(
            summary = "The organization's API keys (never their secrets) (owner, admin)",
            description = "Sortable: createdAt (default), name. Filterable: those, id, prefix, role, expiresAt, "
                    + "lastUsedAt, revokedAt (isnull true: the live ones), createdBy. Searched by q: name, "
                    + "prefix.")
    @APIResponse(
            responseCode = "200",
            description = "Keys, oldest first, revoked ones included",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ApiKeyPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<ApiKeyView> list(@Context UriInfo uri) {
        return Items.of(apiKeys.list(tenant, CollectionParams.from(uri)), ApiKeyView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create an API key; the answer is the only place its secret ever appears (owner, admin; "
                    + "not by API keys)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ApiKeyRequest")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ApiKeyCreated")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response create(InputStream body, @Context UriInfo uri) {
        return created(body, uri.getAbsolutePathBuilder());
    }

    /**
     * Creates and revokes many keys in one request, each answered as its own endpoint would (a
     * created key's secret included, so the answer is {@code no-store}); {@code atomic: true} makes
     * it all or nothing.
     */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create and revoke API keys in one request (owner, admin); the answer carries the new "
                    + "secrets and is no-store",
            description = "Operations: create (body as POST /api-keys), delete (revoke). Each runs exactly as its "
                    + "single-item endpoint would and gets that endpoint's status and body (a problem document "
                    + "when it fails). With atomic true they share one transaction: at the first failure "
                    + "everything is undone, the failed operation keeps its own status and the others are 424; "
                    + "committed tells which happened. At most 100 operations.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BulkRequest")))
    @APIResponse(
            responseCode = "200",
            description = "One result per operation, in order",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BulkOutcome")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response bulk(InputStream body, @Context UriInfo uri) {
        UriBuilder collection = Bulk.collection(uri);
        Bulk.Outcome outcome = Bulk.run(
                body,
                Bulk.Operations.byUuid()
                        .create(item -> created(item, collection.clone()))
                        .delete((id, precondition) -> apiKeys.revoke(tenant, id, precondition)));
        return Response.ok(outcome).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An API key (never its secret)")
    @APIResponse(
            responseCode = "200",
            description = "An API key (never its secret)",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ApiKey")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public ApiKeyView get(@PathParam("id") UUID id) {
        return ApiKeyView.of(apiKeys.get(tenant, id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API key (it answers 401 from then on) (owner, admin)")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response revoke(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        apiKeys.revoke(tenant, id, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    private Response created(InputStream body, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        ApiKeyRequest request = new ApiKeyRequest(
                json.string("name", Need.REQUIRED),
                json.string("role", Need.REQUIRED),
                json.dateTime("expiresAt", Need.NULLABLE),
                json.integer("rateLimitPerMinute", Need.NULLABLE));
        json.finish();
        Created created = apiKeys.create(tenant, request);
        return Response.created(
                        collection.path(created.key().getId().toString()).build())
                .header("Cache-Control", "no-store")
                .entity(new CreatedView(ApiKeyView.of(created.key()), created.secret()))
                .build();
    }
}
