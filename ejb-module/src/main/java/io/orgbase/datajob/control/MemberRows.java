package io.orgbase.datajob.control;

import io.orgbase.datajob.DataJobLimits;
import io.orgbase.datajob.DataSpec.Mode;
import io.orgbase.datajob.StagedFields;
import io.orgbase.organization.Membership;
import io.orgbase.organization.boundary.Employment;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.team.boundary.Teams;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * One staged member row, written through the API's own boundaries ({@link Memberships}, {@link
 * Teams}) in a transaction of its own: the same rules (who may grant which role, the last owner,
 * manager cycles, invitations and their quotas), the same audit entries and events as a request.
 * The row is marked with what it did in that transaction, so a unit resumed after a crash skips it.
 * A dry run does the same and rolls it back: it judges each row exactly as writing it would.
 */
@Stateless
@TenantScoped
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MemberRows {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    Memberships memberships;

    @Inject
    Teams teams;

    @Inject
    ImportQuota quota;

    /**
     * Writes (or, in a dry run, tries) one row.
     *
     * @param managerInFile whether the row's manager is a row of the same file (staged, not refused)
     * @return what the row did: created, invited, updated or unchanged
     * @throws io.orgbase.problems.DomainException what the API would answer (the row's problem)
     */
    public String apply(
            Tenant tenant,
            UUID jobId,
            long rowNo,
            JsonObject fields,
            Mode mode,
            boolean dryRun,
            boolean managerInFile) {
        String email = fields.getString("email");
        UUID userId = memberId(tenant, email, "email");
        Set<String> present = new HashSet<>();
        // a dry run writes no row, so a manager the file itself adds is not a member yet: judged without
        Employment employment = employment(tenant, fields, present, dryRun && managerInFile);
        List<UUID> teamIds = teamIds(tenant, fields);
        String role = StagedFields.text(fields, "role");
        Boolean active = fields.containsKey("active") && !fields.isNull("active")
                ? Boolean.valueOf(fields.getString("active"))
                : null;
        String outcome;
        if (userId == null) {
            if (mode == Mode.UPDATE) {
                throw InvalidInput.field("email", "is not a member of the organization");
            }
            // whether the address has an account shows in how a row ends: every try costs, dry or not
            quota.spend(
                    "import-adds:" + tenant.orgId(),
                    DataJobLimits.addsPerQuarterHour(),
                    "Imports of this organization added or invited as many people as they may in 15 minutes"
                            + " (ORGBASE_IMPORT_MAX_ADDS); import the refused rows again later.");
            if (openInvitation(tenant, email)) {
                throw InvalidInput.field(
                        "email", "has an open invitation already: it becomes a member by accepting it (or revoke it)");
            }
            Memberships.Added added = memberships.add(tenant, email, role == null ? "member" : role, false, employment);
            if (added.invitation() != null) {
                if (!teamIds.isEmpty() || Boolean.FALSE.equals(active)) {
                    throw InvalidInput.field(
                            teamIds.isEmpty() ? "active" : "teams",
                            "is set once the person has joined: this email gets an invitation");
                }
                outcome = "invited";
            } else {
                userId = added.member().user().getId();
                if (Boolean.FALSE.equals(active)) {
                    memberships.update(
                            tenant, userId, null, false, null, new Patch<>(employment, Set.of()), Precondition.NONE);
                }
                outcome = "created";
            }
        } else {
            if (mode == Mode.CREATE) {
                throw InvalidInput.field("email", "is a member of the organization already");
            }
            outcome = change(tenant, userId, role, active, employment, present) ? "updated" : "unchanged";
        }
        if (userId != null && join(tenant, userId, teamIds) && outcome.equals("unchanged")) {
            outcome = "updated";
        }
        return RowOutcomes.finish(context, em, jobId, rowNo, outcome, dryRun);
    }

    /** Changes what the row changes of a membership; whether anything changed. */
    private boolean change(
            Tenant tenant, UUID userId, String role, Boolean active, Employment employment, Set<String> present) {
        Membership membership = memberships.get(tenant, userId).membership();
        String newRole = role != null && !role.equals(membership.getRole().key()) ? role : null;
        Boolean newActive = active != null && active != membership.isActive() ? active : null;
        Set<String> changed = new LinkedHashSet<>();
        if (present.contains("jobTitle") && !Objects.equals(employment.jobTitle(), membership.getJobTitle())) {
            changed.add("jobTitle");
        }
        if (present.contains("employeeNumber")
                && !Objects.equals(employment.employeeNumber(), membership.getEmployeeNumber())) {
            changed.add("employeeNumber");
        }
        if (present.contains("departmentId")
                && !Objects.equals(employment.departmentId(), membership.getDepartmentId())) {
            changed.add("departmentId");
        }
        if (present.contains("managerId") && !Objects.equals(employment.managerId(), membership.getManagerId())) {
            changed.add("managerId");
        }
        if (newRole == null && newActive == null && changed.isEmpty()) {
            return false;
        }
        memberships.update(
                tenant, userId, newRole, newActive, null, new Patch<>(employment, changed), Precondition.NONE);
        return true;
    }

    /** Adds the member to the row's teams they are not in yet; whether they joined any. */
    private boolean join(Tenant tenant, UUID userId, List<UUID> teamIds) {
        boolean joined = false;
        for (UUID teamId : teamIds) {
            Number in = (Number) em.createNativeQuery(
                            "select count(*) from team_member where org_id = ?1 and team_id = ?2 and user_id = ?3")
                    .setParameter(1, tenant.orgId())
                    .setParameter(2, teamId)
                    .setParameter(3, userId)
                    .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                    .getSingleResult();
            if (in.longValue() == 0) {
                teams.addMember(tenant, teamId, userId, null);
                joined = true;
            }
        }
        return joined;
    }

    private Employment employment(Tenant tenant, JsonObject fields, Set<String> present, boolean managerWillExist) {
        UUID departmentId = null;
        UUID managerId = null;
        if (fields.containsKey("jobTitle")) {
            present.add("jobTitle");
        }
        if (fields.containsKey("employeeNumber")) {
            present.add("employeeNumber");
        }
        if (fields.containsKey("departmentCode")) {
            present.add("departmentId");
            String code = StagedFields.text(fields, "departmentCode");
            if (code != null) {
                departmentId = first("select id from department where org_id = ?1 and code = ?2", tenant.orgId(), code);
                if (departmentId == null) {
                    throw InvalidInput.field("departmentCode", "no department has this code");
                }
            }
        }
        if (fields.containsKey("managerEmail")) {
            present.add("managerId");
            String manager = StagedFields.text(fields, "managerEmail");
            if (manager != null) {
                managerId = memberId(tenant, manager, "managerEmail");
                if (managerId == null && managerWillExist) {
                    present.remove("managerId");
                } else if (managerId == null) {
                    throw InvalidInput.field("managerEmail", "is not a member of the organization");
                }
            }
        }
        return new Employment(
                StagedFields.text(fields, "jobTitle"),
                StagedFields.text(fields, "employeeNumber"),
                departmentId,
                managerId);
    }

    private List<UUID> teamIds(Tenant tenant, JsonObject fields) {
        List<UUID> ids = new ArrayList<>();
        String names = StagedFields.text(fields, "teams");
        if (names == null) {
            return ids;
        }
        for (String name : names.split(";")) {
            if (name.isBlank()) {
                continue;
            }
            UUID id = first(
                    "select id from team where org_id = ?1 and name_key = lower(?2)", tenant.orgId(), name.strip());
            if (id == null) {
                throw InvalidInput.field("teams", "no team is named " + name.strip());
            }
            ids.add(id);
        }
        return ids;
    }

    /**
     * The member who has this address. Addresses are unique among verified accounts only: should two
     * members' accounts claim one, the row names neither.
     */
    private UUID memberId(Tenant tenant, String email, String field) {
        List<?> found = em.createNativeQuery("select m.user_id from membership m join app_user u on u.id = m.user_id"
                        + " where m.org_id = ?1 and u.email = ?2")
                .setParameter(1, tenant.orgId())
                .setParameter(2, email)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setMaxResults(2)
                .getResultList();
        if (found.size() > 1) {
            throw InvalidInput.field(
                    field, "belongs to more than one member's account: change them in the API, by user id");
        }
        return found.isEmpty() ? null : io.orgbase.persistence.Ids.of(found.get(0));
    }

    private boolean openInvitation(Tenant tenant, String email) {
        return !em.createNativeQuery("select 1 from invitation where org_id = ?1 and email = ?2"
                        + " and accepted_at is null and revoked_at is null")
                .setParameter(1, tenant.orgId())
                .setParameter(2, email)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    private UUID first(String sql, UUID orgId, String value) {
        List<?> found = em.createNativeQuery(sql)
                .setParameter(1, orgId)
                .setParameter(2, value)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .setMaxResults(1)
                .getResultList();
        return found.isEmpty() ? null : io.orgbase.persistence.Ids.of(found.get(0));
    }
}
