package io.orgbase.team.api;

import io.orgbase.api.CollectionDoc;
import io.orgbase.api.CollectionResource;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.json.Jsonp;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tag.control.Tags;
import io.orgbase.team.Team;
import io.orgbase.team.TeamMember;
import io.orgbase.team.TeamMember.TeamRole;
import io.orgbase.team.boundary.TeamRequest;
import io.orgbase.team.boundary.Teams;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Teams of one organization, and each team's members. */
@Tag(name = "teams")
@CollectionDoc(
        item = "Team",
        request = "TeamRequest",
        patch = "TeamPatch",
        list =
                @Operation(
                        summary = "Teams, by name unless sorted otherwise (teams:read)",
                        description =
                                "Sortable: name (default), createdAt, updatedAt. Filterable: those, id, description, "
                                        + "memberId (teams any of these users is in), leadId (teams any of them leads) and tag (any "
                                        + "of the named tags, any case); memberId, leadId and tag take eq, neq, in and notin. "
                                        + "Searched by q: name, description."),
        create = @Operation(summary = "Create a team (teams:write; owner, admin)"),
        bulk =
                @Operation(
                        summary = "Create, change and delete teams in one request (teams:write)",
                        description =
                                "Each operation runs exactly as its single-item endpoint would and gets that endpoint's "
                                        + "status and body (a problem document when it fails). With atomic true they share one "
                                        + "transaction: at the first failure everything is undone, the failed operation keeps its "
                                        + "own status and the others are 424; committed tells which happened. At most 100 "
                                        + "operations."),
        get = @Operation(summary = "A team"),
        update = @Operation(summary = "Rename a team, change its description or settings (teams:write)"),
        delete = @Operation(summary = "Delete a team; its members stay members of the organization (teams:write)"))
public class TeamsResource extends CollectionResource<UUID, Team, TeamRequest, TeamsResource.TeamView> {

    private final Tenant tenant;
    private final Teams teams;

    public TeamsResource(Tenant tenant, Teams teams) {
        super(UUIDS, TeamView::of, Team::getId);
        this.tenant = tenant;
        this.teams = teams;
    }

    public record TeamView(
            UUID id,
            String name,
            String description,
            JsonObject settings,
            JsonObject customFields,
            List<String> tags,
            OffsetDateTime createdAt,
            UUID createdBy,
            OffsetDateTime updatedAt,
            UUID updatedBy,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static TeamView of(Team t) {
            return new TeamView(
                    t.getId(),
                    t.getName(),
                    t.getDescription(),
                    Jsonp.object(t.getSettings()),
                    Jsonp.object(t.getCustomFields()),
                    t.getTags(),
                    t.getCreatedAt(),
                    t.getCreatedBy(),
                    t.getUpdatedAt(),
                    t.getUpdatedBy(),
                    t.getVersion());
        }
    }

    public record TeamMemberView(
            UUID userId, String email, String displayName, String role, OffsetDateTime joinedAt, long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static TeamMemberView of(TeamMember m) {
            return new TeamMemberView(
                    m.getUserId(),
                    m.getUser().getEmail(),
                    m.getUser().getDisplayName(),
                    m.getRole().key(),
                    m.getCreatedAt(),
                    m.getVersion());
        }
    }

    @Override
    protected Calls<Tenant, UUID, Team, TeamRequest> calls() {
        return new Calls<>(tenant, teams::list, teams::get, teams::create, teams::update, teams::delete);
    }

    @Override
    protected TeamRequest read(JsonBody json, Write write) {
        return new TeamRequest(
                json.string("name", write.identity()),
                json.string("description", Need.NULLABLE),
                json.document("settings", write.clearable()),
                json.document("customFields", write.clearable()),
                json.strings("tags", write.clearable(), Tags.MAX_PER_RECORD));
    }

    @GET
    @Path("{id}/members")
    @Operation(
            summary = "The team's members",
            description = "Sortable by email (default), displayName, joinedAt; filterable by those, userId and role "
                    + "(lead, member).")
    @APIResponse(
            responseCode = "200",
            description = "A page of team members",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TeamMemberPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<TeamMemberView> members(@PathParam("id") UUID id, @Context UriInfo uri) {
        return Items.of(teams.members(tenant, id, CollectionParams.from(uri)), TeamMemberView::of);
    }

    /** Puts a member of the organization in the team: {@code {"userId": "...", "role": "lead"}}. */
    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Put a member of the organization in the team, as lead or member (teams:write)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TeamMemberRequest")))
    @APIResponse(
            responseCode = "201",
            description = "Added",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TeamMember")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response addMember(@PathParam("id") UUID id, InputStream body, @Context UriInfo uri) {
        JsonBody json = JsonBody.read(body);
        UUID userId = json.uuid("userId", Need.REQUIRED);
        TeamRole role = json.oneOf("role", TeamRole.class, Need.OPTIONAL);
        json.finish();
        TeamMember added = teams.addMember(tenant, id, userId, role);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(userId.toString()).build())
                .entity(TeamMemberView.of(added))
                .build();
    }

    @GET
    @Path("{id}/members/{userId}")
    @Operation(summary = "A team member")
    @APIResponse(
            responseCode = "200",
            description = "The team member",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TeamMember")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public TeamMemberView member(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        return TeamMemberView.of(teams.member(tenant, id, userId));
    }

    /** Changes a team member's role: {@code {"role": "member"}}. */
    @PATCH
    @Path("{id}/members/{userId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a team member's role (teams:write)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TeamRoleChange")))
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TeamMember")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public TeamMemberView changeMember(
            @PathParam("id") UUID id,
            @PathParam("userId") UUID userId,
            InputStream body,
            @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        TeamRole role = json.oneOf("role", TeamRole.class, Need.REQUIRED);
        json.finish();
        return TeamMemberView.of(teams.changeMember(tenant, id, userId, role, ETags.ifMatch(headers)));
    }

    /** Takes a member out of the team (they stay a member of the organization). */
    @DELETE
    @Path("{id}/members/{userId}")
    @Operation(summary = "Take a member out of the team; they stay a member of the organization (teams:write)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response removeMember(
            @PathParam("id") UUID id, @PathParam("userId") UUID userId, @Context HttpHeaders headers) {
        teams.removeMember(tenant, id, userId, ETags.ifMatch(headers));
        return Response.noContent().build();
    }
}
