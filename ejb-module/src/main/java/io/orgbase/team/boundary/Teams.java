package io.orgbase.team.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionField;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.extensible.ExtensibleRecords;
import io.orgbase.extensible.ExtensibleRecords.Extras;
import io.orgbase.extensible.ExtensibleResults;
import io.orgbase.organization.control.TenantMembers;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tag.control.Tags;
import io.orgbase.team.Team;
import io.orgbase.team.TeamMember;
import io.orgbase.team.TeamMember.TeamRole;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Standing;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * Teams of the tenant organization: cross-functional groups of its members, from any departments,
 * each a lead or a member of the team. Every query is limited to the tenant by the ORM and RLS.
 */
@Stateless
@Audited
@ExtensibleResults
public class Teams {

    /** What clients may sort, filter and search teams on; by name unless asked otherwise. */
    public static final CollectionSpec<Team> COLLECTION = CollectionSpec.of(Team.class)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .sortable("updatedAt", "updatedAt", FieldType.TIMESTAMP, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("description", "description", FieldType.STRING, true)
            .related("memberId", FieldType.UUID, (where, values) -> withMember(where, values, null))
            .related("leadId", FieldType.UUID, (where, values) -> withMember(where, values, TeamRole.LEAD))
            .related("tag", FieldType.STRING, Tags.filter(RecordKind.TEAM))
            .defaultSort("name", false)
            .build();

    /** A team's members; by email unless asked otherwise. */
    public static final CollectionSpec<TeamMember> MEMBERS = CollectionSpec.of(TeamMember.class)
            .sortable("email", "user.email", FieldType.STRING, true)
            .sortable("displayName", "user.displayName", FieldType.STRING, true)
            .sortable("joinedAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("userId", "userId", FieldType.UUID, false)
            .filterable("role", "role", FieldType.STRING, false)
            .defaultSort("email", false)
            .build();

    /** One of the caller's teams, in whichever organization. */
    public record MyTeam(UUID id, String name, UUID orgId, String orgSlug, String orgName, String role) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    ExtensibleRecords extensible;

    @Inject
    TenantMembers members;

    @Inject
    Standing standing;

    @Inject
    CollectionQueries collections;

    @Inject
    DatabaseSession session;

    @TenantScoped
    @RequiresPermission(Permission.TEAMS_READ)
    public Slice<Team> list(Tenant tenant, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when the tenant has no team with this id */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_READ)
    public Team get(Tenant tenant, UUID id) {
        return require(id);
    }

    /** @throws Conflict when the organization has a team of this name (in any case) */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_WRITE)
    public Team create(Tenant tenant, @Valid TeamRequest request) {
        String name = request.name().strip();
        Team team = new Team(name);
        Extras extras = extensible.forNew(team, request);
        requireFreeName(name, null);
        team.setDescription(request.description());
        extras.setOn(team);
        if (request.settings() != null) {
            team.setSettings(request.settings());
        }
        em.persist(team);
        em.flush();
        extensible.store(tenant, team, extras);
        return team;
    }

    /** @throws NotFound when the tenant has no team with this id */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_WRITE)
    public Team update(Tenant tenant, UUID id, @Valid Patch<TeamRequest> patch) {
        Team team = require(id);
        patch.precondition().check(team);
        TeamRequest values = patch.values();
        // Checks (queries) before changes: a query after a change flushes it as an UPDATE of its own.
        String name = patch.has("name") ? values.name().strip() : null;
        if (name != null) {
            requireFreeName(name, id);
        }
        Extras extras = extensible.forChange(team, patch);
        if (name != null) {
            team.setName(name);
        }
        extras.setOn(team);
        if (patch.has("description")) {
            team.setDescription(values.description());
        }
        if (patch.has("settings")) {
            team.setSettings(values.settings() == null ? "{}" : values.settings());
        }
        em.flush();
        extensible.store(tenant, team, extras);
        return team;
    }

    /** Deletes the team with its memberships (the people stay members of the organization). */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_WRITE)
    public void delete(Tenant tenant, UUID id, Precondition precondition) {
        Team team = require(id);
        precondition.check(team);
        // One by one, so that each membership's end is in the audit trail like any other.
        em.createQuery("select m from TeamMember m where m.teamId = :teamId", TeamMember.class)
                .setParameter("teamId", id)
                .getResultList()
                .forEach(em::remove);
        em.remove(team);
        em.flush();
    }

    /** @throws NotFound when the tenant has no team with this id */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_READ)
    public Slice<TeamMember> members(Tenant tenant, UUID teamId, CollectionRequest request) {
        require(teamId);
        return collections.page(MEMBERS, request, (cb, m) -> cb.equal(m.get("teamId"), teamId));
    }

    /** @throws NotFound when there is no such team, or the user is not in it */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_READ)
    public TeamMember member(Tenant tenant, UUID teamId, UUID userId) {
        require(teamId);
        return requireMember(teamId, userId);
    }

    /**
     * @throws InvalidInput when the user is not a member of the organization
     * @throws Conflict when the user is in the team already
     */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_WRITE)
    public TeamMember addMember(Tenant tenant, UUID teamId, UUID userId, TeamRole role) {
        require(teamId);
        if (!members.isMember(tenant, userId)) {
            throw InvalidInput.field("userId", "is not a member of this organization");
        }
        if (find(teamId, userId) != null) {
            throw new Conflict("This member is in the team already.");
        }
        TeamMember added = new TeamMember(teamId, userId, role == null ? TeamRole.MEMBER : role);
        em.persist(added);
        em.flush();
        em.refresh(added);
        return added;
    }

    /** @throws NotFound when there is no such team, or the user is not in it */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_WRITE)
    public TeamMember changeMember(Tenant tenant, UUID teamId, UUID userId, TeamRole role, Precondition precondition) {
        require(teamId);
        TeamMember member = requireMember(teamId, userId);
        precondition.check(member);
        member.setRole(role);
        em.flush();
        return member;
    }

    /** @throws NotFound when there is no such team, or the user is not in it */
    @TenantScoped
    @RequiresPermission(Permission.TEAMS_WRITE)
    public void removeMember(Tenant tenant, UUID teamId, UUID userId, Precondition precondition) {
        require(teamId);
        TeamMember member = requireMember(teamId, userId);
        precondition.check(member);
        em.remove(member);
        em.flush();
    }

    /**
     * The caller's teams in every organization they belong to, by organization and name. Runs as the
     * user outside any tenant: the row policies show a user their own team memberships and the teams
     * those point to, nothing else.
     */
    @AuthenticatedOnly
    public List<MyTeam> mine(Caller caller) {
        session.enterUser(caller.userId());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.id, t.name, o.id, o.slug, o.name, tm.role"
                        + " from team_member tm join team t on t.id = tm.team_id and t.org_id = tm.org_id"
                        + " join organization o on o.id = tm.org_id"
                        + " join membership m on m.org_id = tm.org_id and m.user_id = tm.user_id"
                        + " where tm.user_id = ?1 and m.active and o.status <> 'archived'"
                        + " order by o.slug, lower(t.name), t.id limit 1000")
                .setParameter(1, caller.userId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        Set<UUID> standing = this.standing.of(caller).keySet();
        return rows.stream()
                .filter(r -> standing.contains((UUID) r[2]))
                .map(r -> new MyTeam(
                        (UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], (String) r[4], (String) r[5]))
                .toList();
    }

    /** Teams any of these users is in (as a lead, when {@code role} says so). */
    private static Predicate withMember(CollectionField.Where where, List<Object> userIds, TeamRole role) {
        CriteriaBuilder cb = where.cb();
        Subquery<UUID> teams = where.query().subquery(UUID.class);
        Root<TeamMember> member = teams.from(TeamMember.class);
        Predicate among = member.get("userId").in(userIds);
        teams.select(member.get("teamId"))
                .where(role == null ? among : cb.and(among, cb.equal(member.get("role"), role.key())));
        return where.root().get("id").in(teams);
    }

    private Team require(UUID id) {
        Team team = em.find(Team.class, id);
        if (team == null) {
            throw new NotFound("No such team.");
        }
        return team;
    }

    private TeamMember find(UUID teamId, UUID userId) {
        return em.createNamedQuery("TeamMember.find", TeamMember.class)
                .setParameter("teamId", teamId)
                .setParameter("userId", userId)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private TeamMember requireMember(UUID teamId, UUID userId) {
        TeamMember member = find(teamId, userId);
        if (member == null) {
            throw new NotFound("No such team member.");
        }
        return member;
    }

    private void requireFreeName(String name, UUID except) {
        boolean taken = em.createNamedQuery("Team.byName", Team.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT))
                .getResultStream()
                .anyMatch(t -> !t.getId().equals(except));
        if (taken) {
            throw new Conflict("The organization has a team named '" + name + "' already.");
        }
    }
}
