package io.orgbase.datajob.api;

import io.orgbase.api.Public;
import io.orgbase.datajob.boundary.ExportDownloads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Export results by their expiring link: the link is the credential, so no sign-in is asked. */
@Path("data-job-downloads")
@ApplicationScoped
@Tag(name = "data-jobs")
public class DataJobDownloadsResource {

    @Inject
    ExportDownloads downloads;

    @GET
    @Path("{token}")
    @Public
    @Produces(MediaType.WILDCARD)
    @Operation(
            summary = "An export's file by the link its job gave (no sign-in; the link expires)",
            description = "A link that is forged, altered, expired or whose file is gone is a 404.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response download(@PathParam("token") String token) {
        ExportDownloads.Download file = downloads.find(token);
        return Downloads.stream(file.name(), file.contentType(), file.size(), n -> downloads.chunk(token, n));
    }
}
