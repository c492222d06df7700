package io.orgbase.team.api;

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

/** Teams of one organization, and each team's members. */
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
    public Items<TeamMemberView> members(@PathParam("id") UUID id, @Context UriInfo uri) {
        return Items.of(teams.members(tenant, id, CollectionParams.from(uri)), TeamMemberView::of);
    }

    /** Puts a member of the organization in the team: {@code {"userId": "...", "role": "lead"}}. */
    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
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
    public TeamMemberView member(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        return TeamMemberView.of(teams.member(tenant, id, userId));
    }

    /** Changes a team member's role: {@code {"role": "member"}}. */
    @PATCH
    @Path("{id}/members/{userId}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
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
    public Response removeMember(
            @PathParam("id") UUID id, @PathParam("userId") UUID userId, @Context HttpHeaders headers) {
        teams.removeMember(tenant, id, userId, ETags.ifMatch(headers));
        return Response.noContent().build();
    }
}
