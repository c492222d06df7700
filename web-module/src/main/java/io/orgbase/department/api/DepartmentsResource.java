package io.orgbase.department.api;

import io.orgbase.api.CollectionResource;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.department.Department;
import io.orgbase.department.boundary.DepartmentRequest;
import io.orgbase.department.boundary.Departments;
import io.orgbase.json.Jsonp;
import io.orgbase.organization.api.MembersResource.MemberView;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Departments of one organization. */
public class DepartmentsResource
        extends CollectionResource<UUID, Department, DepartmentRequest, DepartmentsResource.DepartmentView> {

    private final Tenant tenant;
    private final Departments departments;
    private final Memberships memberships;

    public DepartmentsResource(Tenant tenant, Departments departments, Memberships memberships) {
        super(UUIDS, DepartmentView::of, Department::getId);
        this.tenant = tenant;
        this.departments = departments;
        this.memberships = memberships;
    }

    public record DepartmentView(
            UUID id,
            String name,
            String code,
            UUID parentId,
            int depth,
            String description,
            UUID headId,
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

        static DepartmentView of(Department d) {
            return new DepartmentView(
                    d.getId(),
                    d.getName(),
                    d.getCode(),
                    d.getParentId(),
                    d.getDepth(),
                    d.getDescription(),
                    d.getHeadId(),
                    Jsonp.object(d.getSettings()),
                    Jsonp.object(d.getCustomFields()),
                    d.getTags(),
                    d.getCreatedAt(),
                    d.getCreatedBy(),
                    d.getUpdatedAt(),
                    d.getUpdatedBy(),
                    d.getVersion());
        }
    }

    @Override
    protected Calls<Tenant, UUID, Department, DepartmentRequest> calls() {
        return new Calls<>(
                tenant,
                departments::list,
                departments::get,
                departments::create,
                departments::update,
                departments::delete);
    }

    @Override
    protected DepartmentRequest read(JsonBody json, Write write) {
        return new DepartmentRequest(
                json.string("name", write.identity()),
                json.string("code", write.identity()),
                json.uuid("parentId", Need.NULLABLE),
                json.string("description", Need.NULLABLE),
                json.uuid("headId", Need.NULLABLE),
                json.document("settings", write.clearable()),
                json.document("customFields", write.clearable()),
                json.strings("tags", write.clearable(), Tags.MAX_PER_RECORD));
    }

    /** Everything below the department, at any depth (the collection conventions apply). */
    @GET
    @Path("{id}/descendants")
    public Items<DepartmentView> descendants(@PathParam("id") UUID id, @Context UriInfo uri) {
        return Items.of(departments.descendants(tenant, id, CollectionParams.from(uri)), DepartmentView::of);
    }

    /** The departments above this one, the top first. */
    @GET
    @Path("{id}/ancestors")
    public Items<DepartmentView> ancestors(@PathParam("id") UUID id) {
        return new Items<>(departments.ancestors(tenant, id).stream()
                .map(DepartmentView::of)
                .toList());
    }

    /** The members in this department (the member directory's conventions apply). */
    @GET
    @Path("{id}/members")
    public Items<MemberView> members(@PathParam("id") UUID id, @Context UriInfo uri) {
        return Items.of(memberships.ofDepartment(tenant, id, CollectionParams.from(uri)), MemberView::of);
    }
}
