package io.orgbase.department.api;

import io.orgbase.api.CollectionDoc;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.api.TreeResource;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Departments of one organization. */
@Tag(name = "departments")
@CollectionDoc(
        item = "Department",
        request = "DepartmentRequest",
        patch = "DepartmentPatch",
        list =
                @Operation(
                        summary = "Departments, by name unless sorted otherwise",
                        description =
                                "Sortable: name, code, createdAt, updatedAt, depth. Filterable (simple `?field=value` and "
                                        + "in `filter`): those, id, parentId, headId, description, createdBy, updatedBy, and tag "
                                        + "(departments carrying any of the named tags, any case; eq, neq, in, notin). Searched by "
                                        + "`q`: name, code, description."),
        create = @Operation(summary = "Create a department (owner, admin)"),
        bulk =
                @Operation(
                        summary = "Create, change and delete departments in one request (owner, admin)",
                        description =
                                "Each operation runs exactly as its single-item endpoint would and gets that endpoint's "
                                        + "status and body (a problem document when it fails). With atomic true they share one "
                                        + "transaction: at the first failure everything is undone, the failed operation keeps its "
                                        + "own status and the others are 424; committed tells which happened. At most 100 "
                                        + "operations."),
        get = @Operation(summary = "A department"),
        update = @Operation(summary = "Change a department; parentId moves it (cycles are refused) (owner, admin)"),
        delete = @Operation(summary = "Delete a department without sub-departments (owner, admin)"),
        descendants =
                @Operation(
                        summary = "Everything below the department, at any depth (one range of the path index"
                                + " however large the tree)",
                        description = "The fields, filters, sorts and search of GET /departments apply."),
        ancestors = @Operation(summary = "The departments above this one, the top first"),
        filters = {
            @Parameter(
                    name = "parentId",
                    in = ParameterIn.QUERY,
                    description =
                            "Simple filter (any declared field works the same way; repeat it for any of several values)",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
        })
public class DepartmentsResource
        extends TreeResource<Department, DepartmentRequest, DepartmentsResource.DepartmentView> {

    private final Tenant tenant;
    private final Departments departments;
    private final Memberships memberships;

    public DepartmentsResource(Tenant tenant, Departments departments, Memberships memberships) {
        super(DepartmentView::of, Department::getId);
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
    protected Branches<Tenant, Department> branches() {
        return new Branches<>(tenant, departments::descendants, departments::ancestors);
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

    /** The members in this department (the member directory's conventions apply). */
    @GET
    @Path("{id}/members")
    @Operation(
            summary = "The members placed directly in this department (members:read); the directory's "
                    + "inDepartment filter reaches below",
            description = "The fields, filters, sorts and search of GET /members apply.")
    @APIResponse(
            responseCode = "200",
            description = "A page of members",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "MemberPage")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Items<MemberView> members(@PathParam("id") UUID id, @Context UriInfo uri) {
        return Items.of(memberships.ofDepartment(tenant, id, CollectionParams.from(uri)), MemberView::of);
    }
}
