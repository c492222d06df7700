package io.orgbase.department.api;

import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.department.Department;
import io.orgbase.department.boundary.DepartmentRequest;
import io.orgbase.department.boundary.Departments;
import io.orgbase.json.Jsonp;
import io.orgbase.organization.api.MembersResource.MemberView;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.requests.Bulk;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Departments of one organization. */
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentsResource {

    private final Tenant tenant;
    private final Departments departments;
    private final Memberships memberships;

    public DepartmentsResource(Tenant tenant, Departments departments, Memberships memberships) {
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

    @GET
    public Items<DepartmentView> list(@Context UriInfo uri) {
        return Items.of(departments.list(tenant, CollectionParams.from(uri)), DepartmentView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context UriInfo uri) {
        return created(body, uri.getAbsolutePathBuilder());
    }

    /**
     * Many creates, updates and deletes in one request, each answered as its own endpoint would;
     * {@code atomic: true} makes it all or nothing.
     */
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    public Bulk.Outcome bulk(InputStream body, @Context UriInfo uri) {
        UriBuilder collection = Bulk.collection(uri);
        return Bulk.run(
                body,
                Bulk.Operations.byUuid()
                        .create(item -> created(item, collection.clone()))
                        .update(this::updated)
                        .delete((id, precondition) -> departments.delete(tenant, id, precondition)));
    }

    private Response created(InputStream body, UriBuilder collection) {
        JsonBody json = JsonBody.read(body);
        DepartmentRequest request = new DepartmentRequest(
                json.string("name", Need.REQUIRED),
                json.string("code", Need.REQUIRED),
                json.uuid("parentId", Need.NULLABLE),
                json.string("description", Need.NULLABLE),
                json.uuid("headId", Need.NULLABLE),
                json.document("settings", Need.OPTIONAL),
                json.document("customFields", Need.OPTIONAL),
                json.strings("tags", Need.OPTIONAL, Tags.MAX_PER_RECORD));
        json.finish();
        Department created = departments.create(tenant, request);
        return Response.created(collection.path(created.getId().toString()).build())
                .entity(DepartmentView.of(created))
                .build();
    }

    @GET
    @Path("{id}")
    public DepartmentView get(@PathParam("id") UUID id) {
        return DepartmentView.of(departments.get(tenant, id));
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    public DepartmentView update(@PathParam("id") UUID id, InputStream body, @Context HttpHeaders headers) {
        return updated(id, body, ETags.ifMatch(headers));
    }

    private DepartmentView updated(UUID id, InputStream body, Precondition precondition) {
        JsonBody json = JsonBody.read(body);
        DepartmentRequest values = new DepartmentRequest(
                json.string("name", Need.OPTIONAL),
                json.string("code", Need.OPTIONAL),
                json.uuid("parentId", Need.NULLABLE),
                json.string("description", Need.NULLABLE),
                json.uuid("headId", Need.NULLABLE),
                json.document("settings", Need.NULLABLE),
                json.document("customFields", Need.NULLABLE),
                json.strings("tags", Need.NULLABLE, Tags.MAX_PER_RECORD));
        json.finish();
        return DepartmentView.of(departments.update(tenant, id, new Patch<>(values, json.present(), precondition)));
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

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        departments.delete(tenant, id, ETags.ifMatch(headers));
        return Response.noContent().build();
    }
}
