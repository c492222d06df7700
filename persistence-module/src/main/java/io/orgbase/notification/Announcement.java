package io.orgbase.notification;

import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A message to the organization's people, or to a department with its subtree, a team or a role
 * (at most one of them). Its creation is the event that fans it out.
 */
@Entity
@Table(name = "announcement")
public class Announcement extends TenantOwnedEntity {

    @Column(name = "title", nullable = false, updatable = false)
    private String title;

    @Column(name = "body", updatable = false)
    private String body;

    @Column(name = "audience", nullable = false, updatable = false)
    private String audience;

    @Column(name = "department_id", updatable = false)
    @Convert(converter = NullableUuidConverter.class)
    private UUID departmentId;

    @Column(name = "team_id", updatable = false)
    @Convert(converter = NullableUuidConverter.class)
    private UUID teamId;

    @Column(name = "role", updatable = false)
    private String role;

    protected Announcement() {}

    public Announcement(String title, String body, UUID departmentId, UUID teamId, String role) {
        this.title = title;
        this.body = body;
        this.departmentId = departmentId;
        this.teamId = teamId;
        this.role = role;
        this.audience =
                departmentId != null ? "department" : teamId != null ? "team" : role != null ? "role" : "everyone";
    }

    /**
     * {@code everyone}, {@code department}, {@code team} or {@code role}. A department or team
     * deleted later clears its id, never the audience: the announcement then reaches nobody more.
     */
    public String getAudience() {
        return audience;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public UUID getDepartmentId() {
        return departmentId;
    }

    public UUID getTeamId() {
        return teamId;
    }

    public String getRole() {
        return role;
    }
}
