package io.orgbase.api;

import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
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
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The endpoints every collection of records shares, written once: a page under the collection
 * conventions, create (201 with Location), bulk (each item answered as its own endpoint would;
 * {@code atomic: true} makes it all or nothing), get, update by merge patch and delete (both
 * honouring {@code If-Match}). A collection extends it and declares its parts: how its records are
 * named ({@link #UUIDS}, or keys), how its boundary pages, finds, adds, changes and removes them
 * ({@link #calls()}),
 * how one request body is read for create and update alike, and how a record is shown. Paths of its
 * own (a subtree, members) sit beside.
 *
 * @param <K> what names a record in its path: a UUID, or a key
 * @param <E> the entity
 * @param <R> the request record a body is read into (validated by its Bean Validation constraints
 *     in the boundary)
 * @param <V> the view a record is answered as
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class CollectionResource<K, E, R, V> {

    /** Records named by UUIDs. */
    protected static final Function<String, UUID> UUIDS = Bulk::uuid;

    /** Records named by short keys (a role, a status slug): at most 100 characters. */
    protected static final Function<String, String> KEYS = raw -> !raw.isBlank() && raw.length() <= 100 ? raw : null;

    private final Function<String, K> keys;
    private final Function<E, V> view;
    private final Function<E, K> idOf;

    /**
     * @param keys reads a path segment as a record's name; null when it cannot be one
     * @param view how a record is answered
     * @param idOf the record's name in its path
     */
    protected CollectionResource(Function<String, K> keys, Function<E, V> view, Function<E, K> idOf) {
        this.keys = keys;
        this.view = view;
        this.idOf = idOf;
    }

    /** What a request body is read for: the same reader serves both. */
    public enum Write {
        CREATE,
        UPDATE;

        /** A field a new record must have; an update may leave it out but not clear it. */
        public Need identity() {
            return this == CREATE ? Need.REQUIRED : Need.OPTIONAL;
        }

        /** A field a new record may leave out; an update may also clear it with null. */
        public Need clearable() {
            return this == CREATE ? Need.OPTIONAL : Need.NULLABLE;
        }
    }

    /**
     * How this collection reaches its boundary: the scope its calls run in (the request's tenant,
     * or the caller for platform vocabularies) and its five calls, usually method references:
     * {@code new Calls<>(tenant, departments::list, departments::get, departments::create,
     * departments::update, departments::delete)}. Asked for on each request (after injection).
     */
    protected abstract Calls<?, K, E, R> calls();

    /** The boundary calls of a collection, with the scope they take first. */
    public record Calls<S, K, E, R>(
            S scope,
            Page<S, E> page,
            Find<S, K, E> find,
            Add<S, R, E> add,
            Change<S, K, R, E> change,
            Remove<S, K> remove) {

        Slice<E> page(CollectionRequest request) {
            return page.apply(scope, request);
        }

        E find(K id) {
            return find.apply(scope, id);
        }

        E add(R request) {
            return add.apply(scope, request);
        }

        E change(K id, Patch<R> patch) {
            return change.apply(scope, id, patch);
        }

        void remove(K id, Precondition precondition) {
            remove.apply(scope, id, precondition);
        }
    }

    /** A page of the records (the caller's permission is the boundary's to check). */
    @FunctionalInterface
    public interface Page<S, E> {
        Slice<E> apply(S scope, CollectionRequest request);
    }

    /** One record; {@link io.orgbase.problems.NotFound} when the scope has none with this id. */
    @FunctionalInterface
    public interface Find<S, K, E> {
        E apply(S scope, K id);
    }

    @FunctionalInterface
    public interface Add<S, R, E> {
        E apply(S scope, R request);
    }

    @FunctionalInterface
    public interface Change<S, K, R, E> {
        E apply(S scope, K id, Patch<R> patch);
    }

    @FunctionalInterface
    public interface Remove<S, K> {
        void apply(S scope, K id, Precondition precondition);
    }

    /** Reads a create or update body; {@link JsonBody#finish()} is the skeleton's to call. */
    protected abstract R read(JsonBody json, Write write);

    @GET
    @APIResponse(responseCode = "200", description = "A page of records")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<V> list(@Context UriInfo uri) {
        return Items.of(calls().page(CollectionParams.from(uri)), view);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
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
    @RequestBody(
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BulkRequest")))
    @APIResponse(
            responseCode = "200",
            description = "One result per operation, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "BulkOutcome")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Bulk.Outcome bulk(InputStream body, @Context UriInfo uri) {
        UriBuilder collection = Bulk.collection(uri);
        return Bulk.run(
                body,
                Bulk.Operations.by(keys)
                        .create(item -> created(item, collection.clone()))
                        .update(this::updated)
                        .delete((id, precondition) -> calls().remove(id, precondition)));
    }

    @GET
    @Path("{id}")
    @Parameter(ref = "ifNoneMatch")
    @APIResponse(responseCode = "200", description = "The record")
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match names the current ETag)")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public V get(@PathParam("id") String id) {
        return view.apply(calls().find(key(id)));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Parameter(ref = "ifMatch")
    @APIResponse(responseCode = "200", description = "Changed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public V update(@PathParam("id") String id, InputStream body, @Context HttpHeaders headers) {
        return updated(key(id), body, ETags.ifMatch(headers));
    }

    @DELETE
    @Path("{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response delete(@PathParam("id") String id, @Context HttpHeaders headers) {
        calls().remove(key(id), ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    /** How a record is answered. */
    protected Function<E, V> view() {
        return view;
    }

    private Response created(InputStream body, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        R request = read(json, Write.CREATE);
        json.finish();
        E created = calls().add(request);
        return Response.created(collection.path(idOf.apply(created).toString()).build())
                .entity(view.apply(created))
                .build();
    }

    /** @throws NotFound when the segment cannot name a record here (as a record that is not there) */
    protected K key(String raw) {
        K key = keys.apply(raw);
        if (key == null) {
            throw new NotFound("Nothing here has this id.");
        }
        return key;
    }

    private V updated(K id, InputStream body, Precondition precondition) {
        JsonBody json = JsonBody.read(body);
        R values = read(json, Write.UPDATE);
        json.finish();
        return view.apply(calls().change(id, new Patch<>(values, json.present(), precondition)));
    }
}
