package io.orgbase.datajob;

import io.orgbase.access.Permission;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.organization.Membership;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.organization.boundary.Memberships.Member;
import io.orgbase.tenancy.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The member directory as a file: each member's account, role and employment, by email. */
@ApplicationScoped
public class MemberData implements ExportSpec {

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
