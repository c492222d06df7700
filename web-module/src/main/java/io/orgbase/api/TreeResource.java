package io.orgbase.api;

import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.requests.CollectionParams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * A collection whose records form a tree ({@code io.orgbase.tree.Trees}): the collection's
 * endpoints, and for each record everything below it (a page under the collection conventions, one
 * range of the path index however large the tree) and the records above it, the top first. A tree
 * collection declares, besides what every collection does, how its boundary reaches a subtree and
 * the ancestors ({@link #branches()}).
 */
public abstract class TreeResource<E, R, V> extends CollectionResource<UUID, E, R, V> {

    protected TreeResource(Function<E, V> view, Function<E, UUID> idOf) {
        super(UUIDS, view, idOf);
    }

    /**
     * How this tree reaches its boundary: {@code new Branches<>(tenant, departments::descendants,
     * departments::ancestors)}.
     */
    protected abstract Branches<?, E> branches();

    /** The boundary calls of a tree, with the scope they take first. */
    public record Branches<S, E>(S scope, Below<S, E> below, Above<S, E> above) {

        Slice<E> below(UUID id, CollectionRequest request) {
            return below.apply(scope, id, request);
        }

        List<E> above(UUID id) {
            return above.apply(scope, id);
        }
    }

    /** A page of everything below a record; {@code NotFound} when there is no such record. */
    @FunctionalInterface
    public interface Below<S, E> {
        Slice<E> apply(S scope, UUID id, CollectionRequest request);
    }

    /** The records above one, the top first; {@code NotFound} when there is no such record. */
    @FunctionalInterface
    public interface Above<S, E> {
        List<E> apply(S scope, UUID id);
    }

    @GET
    @Path("{id}/descendants")
    @APIResponse(responseCode = "200", description = "A page of the records below")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<V> descendants(@PathParam("id") String id, @Context UriInfo uri) {
        return Items.of(branches().below(key(id), CollectionParams.from(uri)), view());
    }

    @GET
    @Path("{id}/ancestors")
    @APIResponse(responseCode = "200", description = "The ancestors")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<V> ancestors(@PathParam("id") String id) {
        return new Items<>(branches().above(key(id)).stream().map(view()).toList());
    }
}
