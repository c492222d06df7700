package io.orgbase.mail.api;

import io.orgbase.api.Tagged;
import io.orgbase.mail.MailTemplateOverride;
import io.orgbase.mail.boundary.MailTemplateOverrides;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's own wording of the messages it sends. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class MailTemplatesResource {

    private final Tenant tenant;
    private final MailTemplateOverrides overrides;

    public MailTemplatesResource(Tenant tenant, MailTemplateOverrides overrides) {
        this.tenant = tenant;
        this.overrides = overrides;
    }

    /** An organization's wording of one message in one language. */
    public record WordingView(
            String template, String language, String subject, String body, OffsetDateTime updatedAt, long version)
            implements Tagged {
        @Override
        public Long etagVersion() {
            return version;
        }

        static WordingView of(MailTemplateOverride o) {
            return new WordingView(
                    o.getTemplate(), o.getLanguage(), o.getSubject(), o.getBody(), o.getUpdatedAt(), o.getVersion());
        }
    }

    /** A message an organization may word. */
    public record TemplateView(
            String template, Set<String> values, Set<String> required, List<String> shipped, List<WordingView> own) {}

    /** The list. */
    public record TemplatesView(List<TemplateView> items) {}

    @GET
    @Operation(
            summary = "The messages this organization may word itself, with their values and its own wordings",
            description = "Invitations, notifications and digests. A wording is Mustache over the listed values "
                    + "(sections over lists and optional values allowed), always escaped, without partials; its "
                    + "HTML part is its text, escaped, in paragraphs, with links.")
    @APIResponse(
            responseCode = "200",
            description = "The messages",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MailTemplates")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TemplatesView list() {
        return new TemplatesView(overrides.list(tenant).stream()
                .map(listed -> new TemplateView(
                        listed.template().name(),
                        listed.template().values(),
                        listed.template().required(),
                        listed.shipped(),
                        listed.own().stream().map(WordingView::of).toList()))
                .toList());
    }

    @PUT
    @Path("{template}/{language}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Word a message in a language the organization's own way (owner, admin)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MailWordingRequest")))
    @APIResponse(
            responseCode = "200",
            description = "Saved",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MailWording")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public WordingView put(
            @PathParam("template") String template, @PathParam("language") String language, InputStream body) {
        JsonBody json = JsonBody.read(body);
        String subject = json.string("subject", Need.REQUIRED);
        String text = json.string("body", Need.REQUIRED);
        json.finish();
        return WordingView.of(overrides.put(tenant, template, language, subject, text));
    }

    @DELETE
    @Path("{template}/{language}")
    @Operation(summary = "Return a message in a language to Orgbase's wording (owner, admin)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("template") String template, @PathParam("language") String language) {
        overrides.delete(tenant, template, language);
        return Response.noContent().build();
    }
}
