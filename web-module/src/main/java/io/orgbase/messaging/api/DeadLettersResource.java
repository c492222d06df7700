package io.orgbase.messaging.api;

import io.orgbase.api.Callers;
import io.orgbase.api.Items;
import io.orgbase.messaging.boundary.DeadLetters;
import io.orgbase.requests.CollectionParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Messages consumers gave up on, in every organization: platform administrators only. */
@Path("admin/dead-letters")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "messaging")
public class DeadLettersResource {

    @Inject
    Callers callers;

    @Inject
    DeadLetters letters;

    @GET
    @Operation(
            summary = "Dead letters of every organization, newest first; platform administrators only",
            description = "Sortable: failedAt (default, newest first), attempts. Filterable: those, orgId, eventId, "
                    + "consumer, type, error. Searched by q: consumer, type and error.")
    @APIResponse(
            responseCode = "200",
            description = "A page of dead letters",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DeadLetterPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<DeadLetterView> list(@Context UriInfo uri) {
        return Items.of(letters.list(callers.currentUser(), CollectionParams.from(uri)), DeadLetterView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One dead letter with its message; platform administrators only")
    @APIResponse(
            responseCode = "200",
            description = "The dead letter",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "DeadLetter")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public DeadLetterView get(@PathParam("id") UUID id) {
        return DeadLetterView.of(letters.get(callers.currentUser(), id));
    }

    @POST
    @Path("{id}/requeue")
    @Operation(
            summary = "Hand the message to its consumer again, as a first attempt, and remove the dead letter "
                    + "(audited); platform administrators only")
    @APIResponse(responseCode = "204", description = "Requeued")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response requeue(@PathParam("id") UUID id) {
        letters.requeue(callers.currentUser(), id);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Discard a dead letter (audited); platform administrators only")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response discard(@PathParam("id") UUID id) {
        letters.discard(callers.currentUser(), id);
        return Response.noContent().build();
    }
}
