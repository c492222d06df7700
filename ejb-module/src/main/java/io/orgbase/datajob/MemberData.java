package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.datajob.control.MemberRows;
import io.orgbase.department.boundary.DepartmentRequest;
import io.orgbase.identity.control.Emails;
import io.orgbase.organization.Membership;
import io.orgbase.organization.boundary.Employment;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.organization.boundary.Memberships.Member;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The member directory as a file: each member's account, role and employment, by email. An import
 * adds people by email (an address no verified account owns gets an invitation), changes roles,
 * suspends and reactivates, sets employment and adds to teams; every row goes through the API's
 * boundaries ({@link MemberRows}), so it follows the very rules a request does. Rows whose manager
 * is another row of the file are applied after it.
 */
@ApplicationScoped
public class MemberData implements RowByRowSpec, ExportSpec {

    private static final List<DataColumn> COLUMNS = List.of(
            DataColumn.of("email", "e-mail", "email address", "user", "user email"),
            DataColumn.of("role", "role key"),
            DataColumn.of("active", "status", "enabled"),
            DataColumn.of("jobTitle", "job title", "title", "position"),
            DataColumn.of("employeeNumber", "employee number", "employee id", "staff number"),
            DataColumn.of("departmentCode", "department", "department code"),
            DataColumn.of("managerEmail", "manager", "manager email", "reports to"),
            DataColumn.of("teams", "team"));

    private static final Map<String, Boolean> ACTIVE = Map.of(
            "true", true,
            "yes", true,
            "1", true,
            "active", true,
            "false", false,
            "no", false,
            "0", false,
            "suspended", false,
            "inactive", false);

    /** Most teams one row adds a member to. */
    static final int MAX_TEAMS = 50;

    private static final List<String> EXPORTED = List.of(
            "email",
            "displayName",
            "role",
            "active",
            "jobTitle",
            "employeeNumber",
            "departmentCode",
            "managerEmail",
            "userId",
            "emailVerified",
            "inherited",
            "departmentId",
            "managerId",
            "joinedAt",
            "lastActiveAt");

    @Inject
    Memberships memberships;

    @Inject
    MemberRows rows;

    @Inject
    Validator validator;

    @Inject
    RowByRow rowByRow;

    @Override
    public Permission writePermission() {
        return Permission.MEMBERS_WRITE;
    }

    @Override
    public List<DataColumn> columns() {
        return COLUMNS;
    }

    @Override
    public String cycleProblem() {
        return "its manager is themselves, or reports to them through other rows of the file";
    }

    @Override
    public Checked check(Map<String, String> cells, Mode mode) {
        List<RowProblem> problems = new ArrayList<>();
        String email = email(cells, "email", problems);
        if (email == null && cells.get("email") == null) {
            problems.add(new RowProblem("email", "is required"));
        }
        String manager = email(cells, "managerEmail", problems);
        if (manager != null && manager.equals(email)) {
            problems.add(new RowProblem("managerEmail", "cannot be the member themself"));
        }
        String role = cells.get("role");
        if (role != null && (role.length() > 100 || !role.strip().matches("[A-Za-z0-9][A-Za-z0-9_-]*"))) {
            problems.add(
                    new RowProblem("role", "must be a role's key (owner, admin, member, viewer or a custom role's)"));
        }
        String active = cells.get("active");
        Boolean activeValue = active == null ? null : ACTIVE.get(active.strip().toLowerCase(Locale.ROOT));
        if (active != null && activeValue == null) {
            problems.add(new RowProblem("active", "must be true or false (or active, suspended)"));
        }
        for (String field : List.of("jobTitle", "employeeNumber")) {
            if (cells.get(field) != null) {
                for (ConstraintViolation<Employment> violation :
                        validator.validateValue(Employment.class, field, cells.get(field))) {
                    problems.add(new RowProblem(field, violation.getMessage()));
                }
            }
        }
        String department = cells.get("departmentCode");
        if (department != null) {
            for (ConstraintViolation<DepartmentRequest> violation :
                    validator.validateValue(DepartmentRequest.class, "code", department)) {
                problems.add(new RowProblem("departmentCode", violation.getMessage()));
            }
        }
        String teams = cells.get("teams");
        if (teams != null) {
            List<String> names = java.util.Arrays.stream(teams.split(";"))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .toList();
            if (names.size() > MAX_TEAMS || names.stream().anyMatch(name -> name.length() > 200)) {
                problems.add(new RowProblem(
                        "teams", "must be at most " + MAX_TEAMS + " team names of up to 200 characters, split by ';'"));
            }
        }
        JsonObject fields = StagedFields.of(cells, (field, value) -> switch (field) {
            case "email", "managerEmail" -> Emails.normalize(value);
            case "active" -> String.valueOf(activeValue);
            default -> value.strip();
        });
        return new Checked(email == null ? "" : email, manager, fields, problems);
    }

    private static String email(Map<String, String> cells, String field, List<RowProblem> problems) {
        String value = cells.get(field);
        if (value == null) {
            return null;
        }
        String email = Emails.normalize(value);
        if (email.length() > 254 || !email.matches(DepartmentData.EMAIL)) {
            problems.add(new RowProblem(field, "must be an email address"));
            return null;
        }
        return email;
    }

    @Override
    public Applied apply(Tenant tenant, Connection connection, Unit unit) throws SQLException {
        return rowByRow.apply(
                connection,
                unit,
                (rowNo, fields) -> rows.apply(
                        tenant,
                        unit.jobId(),
                        rowNo,
                        fields,
                        unit.mode(),
                        unit.dryRun(),
                        staged(connection, unit.jobId(), StagedFields.text(fields, "managerEmail"))),
                MemberData::field);
    }

    /** Whether a row of the job's file with this key is staged (and not refused). */
    private static boolean staged(Connection connection, UUID jobId, String key) {
        if (key == null) {
            return false;
        }
        try (var statement = connection.prepareStatement("select 1 from data_job_row where job_id = ? and key = ?")) {
            statement.setObject(1, jobId);
            statement.setString(2, key);
            try (var rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new JobFailure(e);
        }
    }

    /** The file's column for a field the API names. */
    private static String field(String name) {
        return switch (name) {
            case "departmentId" -> "departmentCode";
            case "managerId" -> "managerEmail";
            case "userId" -> "email";
            default -> name;
        };
    }

    @Override
    public String collection() {
        return "members";
    }

    @Override
    public Permission readPermission() {
        return Permission.MEMBERS_READ;
    }

    @Override
    public List<String> exportFields() {
        return EXPORTED;
    }

    @Override
    public Rows page(Tenant tenant, Connection connection, CollectionRequest request) throws SQLException {
        Slice<Member> slice = memberships.list(tenant, request);
        List<Membership> members =
                slice.items().stream().map(Member::membership).toList();
        Map<UUID, String> departmentCodes = ExportLookups.texts(
                connection, "select id, code from department where id = any (?)", members, Membership::getDepartmentId);
        Map<UUID, String> managerEmails =
                ExportLookups.texts(connection, ExportLookups.MEMBER_EMAILS, members, Membership::getManagerId);
        List<Map<String, Object>> rows = new ArrayList<>(members.size());
        for (Member member : slice.items()) {
            Membership membership = member.membership();
            Map<String, Object> row = new HashMap<>();
            row.put("email", member.user().getEmail());
            row.put("displayName", member.user().getDisplayName());
            row.put("role", membership.getRole().key());
            row.put("active", membership.isActive());
            row.put("jobTitle", membership.getJobTitle());
            row.put("employeeNumber", membership.getEmployeeNumber());
            row.put("departmentCode", departmentCodes.get(membership.getDepartmentId()));
            row.put("managerEmail", managerEmails.get(membership.getManagerId()));
            row.put("userId", member.user().getId());
            row.put("emailVerified", member.user().isEmailVerified());
            row.put("inherited", membership.isInherited());
            row.put("departmentId", membership.getDepartmentId());
            row.put("managerId", membership.getManagerId());
            row.put("joinedAt", membership.getCreatedAt());
            row.put("lastActiveAt", membership.getLastActiveAt());
            rows.add(row);
        }
        return new Rows(rows, slice.nextCursor(), slice.total());
    }
}
