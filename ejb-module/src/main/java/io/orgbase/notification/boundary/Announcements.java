package io.orgbase.notification.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.department.Department;
import io.orgbase.notification.Announcement;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.team.Team;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.util.UUID;

/**
 * An organization's announcements. Sending one stores it and returns at once; its creation is a
 * domain event, and the announcements consumer fans it out as notifications, in chunks, once per
 * recipient however often it is interrupted.
 */
@Stateless
@Audited
public class Announcements {

    /** Newest first. */
    public static final CollectionSpec<Announcement> COLLECTION = CollectionSpec.of(Announcement.class)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("title", "title", FieldType.STRING, true)
            .filterable("body", "body", FieldType.STRING, true)
            .filterable("departmentId", "departmentId", FieldType.UUID, false)
            .filterable("teamId", "teamId", FieldType.UUID, false)
            .filterable("role", "role", FieldType.STRING, false)
            .filterable("createdBy", "createdBy", FieldType.UUID, false)
            .defaultSort("createdAt", true)
            .build();

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    CollectionQueries collections;

    /**
     * @throws InvalidInput when it names more than one audience, or a department or team the
     *     organization does not have
     */
    @TenantScoped
    @RequiresPermission(Permission.ANNOUNCEMENTS_SEND)
    public Announcement send(Tenant tenant, @Valid AnnouncementRequest request) {
        int audiences = (request.departmentId() == null ? 0 : 1)
                + (request.teamId() == null ? 0 : 1)
                + (request.role() == null ? 0 : 1);
        if (audiences > 1) {
            throw new InvalidInput(
                    "An announcement goes to everyone or to one audience: a department, a team or a role.",
                    java.util.List.of());
        }
        if (request.departmentId() != null && em.find(Department.class, request.departmentId()) == null) {
            throw InvalidInput.field("departmentId", "no such department");
        }
        if (request.teamId() != null && em.find(Team.class, request.teamId()) == null) {
            throw InvalidInput.field("teamId", "no such team");
        }
        Announcement announcement = new Announcement(
                request.title(), request.body(), request.departmentId(), request.teamId(), request.role());
        em.persist(announcement);
        em.flush();
        return announcement;
    }

    /** Everything sent, for those who may send: an announcement may be meant for others than the reader. */
    @TenantScoped
    @RequiresPermission(Permission.ANNOUNCEMENTS_SEND)
    public Slice<Announcement> list(Tenant tenant, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /**
     * One announcement, for those who may send them and for the people it reached (their
     * notification links here).
     *
     * @throws NotFound when the organization has none with this id, or none the caller may read
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Announcement get(Tenant tenant, UUID id) {
        Announcement found = em.find(Announcement.class, id);
        if (found == null || !(tenant.permissions().contains(Permission.ANNOUNCEMENTS_SEND) || reached(tenant, id))) {
            throw new NotFound("No such announcement.");
        }
        return found;
    }

    /** Whether the caller was told of it (row-level security shows them their own notifications). */
    private boolean reached(Tenant tenant, UUID id) {
        UUID me = tenant.caller().userId();
        return me != null
                && !em.createNativeQuery("select 1 from notification where recipient_id = ?1 and subject_type"
                                + " = 'announcement' and subject_id = ?2 limit 1")
                        .setParameter(1, me)
                        .setParameter(2, id.toString())
                        .setHint(org.eclipse.persistence.config.QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getResultList()
                        .isEmpty();
    }
}
