package io.orgbase.organization;

import io.orgbase.access.RoleAssignment;
import io.orgbase.identity.User;
import io.orgbase.persistence.BaseEntity;
import io.orgbase.persistence.NullableUuidConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.persistence.annotations.JoinFetch;
import org.eclipse.persistence.annotations.JoinFetchType;

/**
 * A user's place in one organization. Not an EclipseLink multitenant entity, because a user lists
 * their memberships across organizations; the database policy still limits every query to the
 * current organization's rows or the calling user's own rows.
 */
@Entity
@Table(name = "membership")
@NamedQuery(
        name = "Membership.find",
        query = "select m from Membership m where m.orgId = :orgId and m.userId = :userId")
@NamedQuery(name = "Membership.ofUser", query = "select m from Membership m where m.userId = :userId")
@NamedQuery(
        name = "Membership.inheritedOf",
        query = "select m from Membership m where m.userId = :userId and m.orgId in :orgIds and m.inherited = true"
                + " and m.active = true")
@NamedQuery(
        name = "Membership.byEmployeeNumber",
        query = "select m from Membership m where m.orgId = :orgId and m.employeeNumber = :number")
public class Membership extends BaseEntity {

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Embedded
    private RoleAssignment role;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Column(name = "inherited", nullable = false)
    private boolean inherited;

    @Column(name = "job_title")
    private String jobTitle;

    @Column(name = "employee_number")
    private String employeeNumber;

    @Column(name = "department_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID departmentId;

    /** Written by tenant resolution with SQL of its own (not a change of the membership). */
    @Column(name = "last_active_at", insertable = false, updatable = false)
    private OffsetDateTime lastActiveAt;

    @Column(name = "manager_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID managerId;

    /** The member's account, read with the membership (one join); written only through {@code userId}. */
    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "user_id", insertable = false, updatable = false)
    @JoinFetch(JoinFetchType.INNER)
    private User user;

    protected Membership() {}

    public Membership(UUID orgId, UUID userId, RoleAssignment role) {
        this.orgId = orgId;
        this.userId = userId;
        this.role = role;
    }

    public UUID getOrgId() {
        return orgId;
    }

    public UUID getUserId() {
        return userId;
    }

    /** The member's account; null on a membership created in this transaction before it was read back. */
    public User getUser() {
        return user;
    }

    public RoleAssignment getRole() {
        return role;
    }

    public void setRole(RoleAssignment role) {
        this.role = role;
    }

    /** A suspended membership keeps its role but cannot act in the organization. */
    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    /** When the member last acted in the organization (to the day); null if never since it was recorded. */
    public OffsetDateTime getLastActiveAt() {
        return lastActiveAt;
    }

    /** Whether the role also holds in every organization below this one. */
    public boolean isInherited() {
        return inherited;
    }

    public void setInherited(boolean inherited) {
        this.inherited = inherited;
    }

    public String getJobTitle() {
        return jobTitle;
    }

    public void setJobTitle(String jobTitle) {
        this.jobTitle = jobTitle;
    }

    /** Unique within the organization. */
    public String getEmployeeNumber() {
        return employeeNumber;
    }

    public void setEmployeeNumber(String employeeNumber) {
        this.employeeNumber = employeeNumber;
    }

    public UUID getDepartmentId() {
        return departmentId;
    }

    public void setDepartmentId(UUID departmentId) {
        this.departmentId = departmentId;
    }

    /** The user id of the member's manager, a member of the same organization. */
    public UUID getManagerId() {
        return managerId;
    }

    public void setManagerId(UUID managerId) {
        this.managerId = managerId;
    }
}
