package io.orgbase.department.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.department.Department;
import io.orgbase.extensible.ExtensibleRecords;
import io.orgbase.extensible.ExtensibleRecords.Extras;
import io.orgbase.extensible.ExtensibleResults;
import io.orgbase.organization.control.TenantMembers;
import io.orgbase.persistence.RecordKind;
import io.orgbase.persistence.TreeNode;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import io.orgbase.tree.Tree;
import io.orgbase.tree.Trees;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Departments of the tenant organization, a tree ({@link Trees}) of up to {@value TreeNode#MAX_DEPTH} levels.
 * Every query is limited to the tenant by the ORM and RLS. The database keeps each department's
 * materialized path, so a subtree is one index range however large the tree.
 */
@Stateless
@Audited
@TenantScoped
@ExtensibleResults
public class Departments {

    /** What clients may sort, filter and search departments on; by name unless asked otherwise. */
    public static final CollectionSpec<Department> COLLECTION = CollectionSpec.of(Department.class)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("code", "code", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .sortable("updatedAt", "updatedAt", FieldType.TIMESTAMP, false)
            .sortable("depth", "depth", FieldType.INTEGER, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("parentId", "parentId", FieldType.UUID, false)
            .filterable("headId", "headId", FieldType.UUID, false)
            .filterable("description", "description", FieldType.STRING, true)
            .filterable("createdBy", "createdBy", FieldType.UUID, false)
            .filterable("updatedBy", "updatedBy", FieldType.UUID, false)
            .related("tag", FieldType.STRING, Tags.filter(RecordKind.DEPARTMENT))
            .defaultSort("name", false)
            .searchIndex("department", "name")
            .build();

    /** Departments are a tree kind. */
    static final Tree<Department> TREE = Tree.of(Department.class, "department");

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    ExtensibleRecords extensible;

    @Inject
    Trees trees;

    @Inject
    TenantMembers members;

    @Inject
    CollectionQueries collections;

    /** A page of the tenant's departments (the collection conventions: cursor, sort, filters, search). */
    @RequiresPermission(Permission.DEPARTMENTS_READ)
    public Slice<Department> list(Tenant tenant, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when the tenant has no department with this id */
    @RequiresPermission(Permission.DEPARTMENTS_READ)
    public Department get(Tenant tenant, UUID id) {
        return require(id);
    }

    /**
     * A page of everything below the department, at any depth: one range of the path index.
     *
     * @throws NotFound when the tenant has no department with this id
     */
    @RequiresPermission(Permission.DEPARTMENTS_READ)
    public Slice<Department> descendants(Tenant tenant, UUID id, CollectionRequest request) {
        return collections.page(COLLECTION, request, trees.below(require(id)));
    }

    /**
     * The departments above this one, the top first.
     *
     * @throws NotFound when the tenant has no department with this id
     */
    @RequiresPermission(Permission.DEPARTMENTS_READ)
    public List<Department> ancestors(Tenant tenant, UUID id) {
        return trees.ancestors(TREE, require(id));
    }

    /**
     * @throws InvalidInput when the parent is not a department of this organization, the tree
     *     would grow too deep, or the head is not a member
     * @throws Conflict when the code is taken in this organization
     */
    @RequiresPermission(Permission.DEPARTMENTS_WRITE)
    public Department create(Tenant tenant, @Valid DepartmentRequest request) {
        Department department = new Department(request.name().strip(), request.code());
        Extras extras = extensible.forNew(department, request);
        department.setDescription(request.description());
        extras.setOn(department);
        trees.placeNew(TREE, tenant, department, request.parentId());
        if (request.headId() != null) {
            requireMember(tenant, request.headId(), "headId");
            department.setHeadId(request.headId());
        }
        if (request.settings() != null) {
            department.setSettings(request.settings());
        }
        em.persist(department);
        em.flush();
        em.refresh(department);
        extensible.store(tenant, department, extras);
        return department;
    }

    /**
     * Applies the fields present in the patch. A move carries the whole subtree along; moving under
     * itself or a descendant (a cycle), or deeper than the tree allows, is refused.
     *
     * @throws NotFound when the tenant has no department with this id
     */
    @RequiresPermission(Permission.DEPARTMENTS_WRITE)
    public Department update(Tenant tenant, UUID id, @Valid Patch<DepartmentRequest> patch) {
        Department department = require(id);
        DepartmentRequest values = patch.values();
        boolean moves = patch.has("parentId") && !Objects.equals(values.parentId(), department.getParentId());
        if (moves) {
            trees.prepareMove(TREE, tenant, department);
        }
        patch.precondition().check(department);
        // Every check (each one a query) before the first change: a query after a change would
        // flush it as an UPDATE of its own.
        if (patch.has("headId") && values.headId() != null) {
            requireMember(tenant, values.headId(), "headId");
        }
        Extras extras = extensible.forChange(department, patch);
        if (moves) {
            trees.move(TREE, department, values.parentId());
        }
        if (patch.has("name")) {
            department.setName(values.name().strip());
        }
        if (patch.has("code")) {
            department.setCode(values.code());
        }
        if (patch.has("description")) {
            department.setDescription(values.description());
        }
        if (patch.has("headId")) {
            department.setHeadId(values.headId());
        }
        if (patch.has("settings")) {
            department.setSettings(values.settings() == null ? "{}" : values.settings());
        }
        extras.setOn(department);
        em.flush();
        if (moves) {
            em.refresh(department);
        }
        extensible.store(tenant, department, extras);
        return department;
    }

    /**
     * @throws Conflict when the department still has sub-departments or members
     */
    @RequiresPermission(Permission.DEPARTMENTS_WRITE)
    public void delete(Tenant tenant, UUID id, Precondition precondition) {
        Department department = require(id);
        precondition.check(department);
        if (trees.children(TREE, id) > 0) {
            throw new Conflict("The department has sub-departments; move or delete them first.");
        }
        long members = em.createNamedQuery("Department.countMembers", Long.class)
                .setParameter("orgId", tenant.orgId())
                .setParameter("id", id)
                .getSingleResult();
        if (members > 0) {
            throw new Conflict("The department has members; move them to another department first.");
        }
        em.remove(department);
        em.flush();
    }

    private Department require(UUID id) {
        Department department = em.find(Department.class, id);
        if (department == null) {
            throw new NotFound("No such department.");
        }
        return department;
    }

    private void requireMember(Tenant tenant, UUID userId, String field) {
        if (!members.isMember(tenant, userId)) {
            throw InvalidInput.field(field, "is not a member of this organization");
        }
    }
}
