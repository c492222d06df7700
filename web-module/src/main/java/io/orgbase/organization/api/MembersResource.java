package io.orgbase.organization.api;

import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.organization.boundary.Employment;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.organization.boundary.Memberships.Added;
import io.orgbase.organization.boundary.Memberships.Member;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
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
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Members of one organization. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class MembersResource {

    private final Tenant tenant;
    private final Memberships memberships;

    public MembersResource(Tenant tenant, Memberships memberships) {
        this.tenant = tenant;
        this.memberships = memberships;
    }

    public record MemberView(
            UUID userId,
            String email,
            boolean emailVerified,
            String displayName,
            String role,
            boolean active,
            boolean inherited,
            String jobTitle,
            String employeeNumber,
            UUID departmentId,
            UUID managerId,
            OffsetDateTime joinedAt,
            OffsetDateTime lastActiveAt,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        public static MemberView of(Member member) {
            return new MemberView(
                    member.user().getId(),
                    member.user().getEmail(),
                    member.user().isEmailVerified(),
                    member.user().getDisplayName(),
                    member.membership().getRole().key(),
                    member.membership().isActive(),
                    member.membership().isInherited(),
                    member.membership().getJobTitle(),
                    member.membership().getEmployeeNumber(),
                    member.membership().getDepartmentId(),
                    member.membership().getManagerId(),
                    member.membership().getCreatedAt(),
                    member.membership().getLastActiveAt(),
                    member.membership().getVersion());
        }
    }

    @GET
    @Operation(
            summary = "Members of the organization",
            description = "The member directory. Sortable: email (default), displayName, joinedAt. Filterable: "
                    + "those, userId, role, active, inherited, jobTitle, employeeNumber, departmentId, "
                    + "managerId, lastActiveAt, teamId (members of any of these teams) and inDepartment "
                    + "(members of these departments or any department below them); teamId and inDepartment "
                    + "take eq, neq, in and notin. Searched by q: email, display name, job title, employee "
                    + "number.")
    @APIResponse(
            responseCode = "200",
            description = "Members",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MemberPage")))
    public Items<MemberView> list(@Context UriInfo uri) {
        return Items.of(memberships.list(tenant, CollectionParams.from(uri)), MemberView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add the account that owns an email, with a system or custom role (owner, admin; nobody "
                    + "grants more than they hold, so the owner role only by owners)",
            description = "Only an account whose email is verified is added (201). An email that no verified "
                    + "account owns - unknown, or claimed only by unverified accounts, which are never told "
                    + "apart - is invited instead (202, the invitation with its token, Location naming it); "
                    + "inherited and the employment fields are then refused (400), they are set once the person "
                    + "has joined.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MemberRequest")))
    @APIResponse(
            responseCode = "201",
            description = "Added",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Member")))
    @APIResponse(
            responseCode = "202",
            description = "No verified account owns the email; it was invited (Cache-Control no-store)",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "InvitationCreated")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response add(InputStream body, @Context UriInfo uri) {
        return added(body, uri, uri.getAbsolutePathBuilder());
    }

    /**
     * Adds, changes and removes many members in one request (a bulk role change is a list of
     * updates), each answered as its own endpoint would; {@code atomic: true} makes it all or
     * nothing. An operation's {@code id} is the member's user id.
     */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add, change (a bulk role change) and remove members in one request (owner, admin)",
            description = "Operations: create (body as POST /members), update (as PATCH), delete. An operation's id "
                    + "is the member's user id. Each runs exactly as its single-item endpoint would and gets "
                    + "that endpoint's status and body (a problem document when it fails). With atomic true "
                    + "they share one transaction: at the first failure everything is undone, the failed "
                    + "operation keeps its own status and the others are 424; committed tells which happened. "
                    + "At most 100 operations.")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BulkRequest")))
    @APIResponse(
            responseCode = "200",
            description = "One result per operation, in order",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "BulkOutcome")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Bulk.Outcome bulk(InputStream body, @Context UriInfo uri) {
        UriBuilder collection = Bulk.collection(uri);
        return Bulk.run(
                body,
                Bulk.Operations.byUuid()
                        .create(item -> added(item, uri, collection.clone()))
                        .update(this::updated)
                        .delete(this::removed));
    }

    @GET
    @Path("{userId}")
    @Operation(summary = "A member")
    @APIResponse(
            responseCode = "200",
            description = "A member",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Member")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public MemberView get(@PathParam("userId") UUID userId) {
        return MemberView.of(memberships.get(tenant, userId));
    }

    @PATCH
    @Path("{userId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            summary = "Change a member's role, suspend (active false) or reactivate the membership, or change "
                    + "their employment (null clears a field); the last active owner can be neither demoted nor "
                    + "suspended")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RoleChange")))
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Member")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public MemberView update(@PathParam("userId") UUID userId, InputStream body, @Context HttpHeaders headers) {
        return updated(userId, body, ETags.ifMatch(headers));
    }

    /** Removes a member; removing yourself is leaving. */
    @DELETE
    @Path("{userId}")
    @Operation(summary = "Remove a member, or leave when userId is the caller (the last owner cannot leave)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response remove(@PathParam("userId") UUID userId, @Context HttpHeaders headers) {
        removed(userId, ETags.ifMatch(headers));
        return Response.noContent().build();
    }

    private Response added(InputStream body, UriInfo uri, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        String email = json.string("email", Need.REQUIRED);
        String role = json.string("role", Need.REQUIRED);
        Boolean inherited = json.bool("inherited", Need.OPTIONAL);
        Employment employment = employment(json);
        json.finish();
        Added added = memberships.add(tenant, email, role, Boolean.TRUE.equals(inherited), employment);
        if (added.invitation() != null) {
            // no verified account owns the email: it was invited instead (202, the invitation)
            return InvitationsResource.answer(
                    added.invitation(), uri, invitations(collection), Response.Status.ACCEPTED);
        }
        Member member = added.member();
        return Response.created(
                        collection.path(member.user().getId().toString()).build())
                .entity(MemberView.of(member))
                .build();
    }

    /** The organization's invitations, beside its members. */
    private static UriBuilder invitations(UriBuilder members) {
        String path = members.build().getPath();
        return members.clone().replacePath(path.substring(0, path.lastIndexOf('/') + 1) + "invitations");
    }

    private MemberView updated(UUID userId, InputStream body, Precondition precondition) {
        JsonBody json = JsonBody.read(body);
        String role = json.string("role", Need.OPTIONAL);
        Boolean active = json.bool("active", Need.OPTIONAL);
        Boolean inherited = json.bool("inherited", Need.OPTIONAL);
        Employment employment = employment(json);
        json.finish();
        if (json.present().isEmpty()) {
            throw InvalidInput.field(
                    "role",
                    "send at least one of role, active, inherited, jobTitle, employeeNumber, departmentId, managerId");
        }
        return MemberView.of(memberships.update(
                tenant, userId, role, active, inherited, new Patch<>(employment, json.present()), precondition));
    }

    /** The employment fields; each may be sent as null to clear it. */
    static Employment employment(JsonBody json) {
        return new Employment(
                json.string("jobTitle", Need.NULLABLE),
                json.string("employeeNumber", Need.NULLABLE),
                json.uuid("departmentId", Need.NULLABLE),
                json.uuid("managerId", Need.NULLABLE));
    }

    private void removed(UUID userId, Precondition precondition) {
        if (userId.equals(tenant.caller().userId())) {
            memberships.leave(tenant, precondition);
        } else {
            memberships.remove(tenant, userId, precondition);
        }
    }
}
