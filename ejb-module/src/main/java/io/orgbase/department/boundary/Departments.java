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
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Departments of the tenant organization. Every query is limited to the tenant by the ORM and RLS. */
@Stateless
@Audited
@TenantScoped
public class Departments {

    /** What clients may sort, filter and search departments on; by name unless asked otherwise. */
    public static final CollectionSpec<Department> COLLECTION = CollectionSpec.of(Department.class)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("code", "code", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .sortable("updatedAt", "updatedAt", FieldType.TIMESTAMP, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("parentId", "parentId", FieldType.UUID, false)
            .filterable("description", "description", FieldType.STRING, true)
            .filterable("createdBy", "createdBy", FieldType.UUID, false)
            .filterable("updatedBy", "updatedBy", FieldType.UUID, false)
            .defaultSort("name", false)
            .build();

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

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
     * @throws InvalidInput when the parent is not a department of this organization
     * @throws Conflict when the code is taken in this organization
     */
    @RequiresPermission(Permission.DEPARTMENTS_WRITE)
    public Department create(Tenant tenant, @Valid DepartmentRequest request) {
        Department department = new Department(request.name().strip(), request.code());
        department.setDescription(request.description());
        if (request.parentId() != null) {
            requireParent(request.parentId());
            department.setParentId(request.parentId());
        }
        em.persist(department);
        em.flush();
        return department;
    }

    /**
     * Applies the fields present in the patch; moving under a descendant (a cycle) is refused.
     *
     * @throws NotFound when the tenant has no department with this id
     */
    @RequiresPermission(Permission.DEPARTMENTS_WRITE)
    public Department update(Tenant tenant, UUID id, @Valid Patch<DepartmentRequest> patch) {
        Department department = require(id);
        patch.precondition().check(department);
        DepartmentRequest values = patch.values();
        if (patch.has("name")) {
            department.setName(values.name().strip());
        }
        if (patch.has("code")) {
            department.setCode(values.code());
        }
        if (patch.has("description")) {
            department.setDescription(values.description());
        }
        if (patch.has("parentId")) {
            if (values.parentId() != null) {
                requireParent(values.parentId());
                requireNoCycle(department.getId(), values.parentId());
            }
            department.setParentId(values.parentId());
        }
        em.flush();
        return department;
    }

    /** @throws Conflict when the department still has sub-departments */
    @RequiresPermission(Permission.DEPARTMENTS_WRITE)
    public void delete(Tenant tenant, UUID id, Precondition precondition) {
        Department department = require(id);
        precondition.check(department);
        long children = em.createNamedQuery("Department.countChildren", Long.class)
                .setParameter("id", id)
                .getSingleResult();
        if (children > 0) {
            throw new Conflict("The department has sub-departments; move or delete them first.");
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

    private void requireParent(UUID parentId) {
        if (em.find(Department.class, parentId) == null) {
            throw InvalidInput.field("parentId", "no such department in this organization");
        }
    }

    /** Walks up from the new parent; meeting the department itself means the move makes a cycle. */
    private void requireNoCycle(UUID id, UUID newParent) {
        Set<UUID> seen = new HashSet<>();
        for (UUID current = newParent; current != null; ) {
            if (current.equals(id) || !seen.add(current)) {
                throw InvalidInput.field("parentId", "would make the department its own ancestor");
            }
            Department ancestor = em.find(Department.class, current);
            current = ancestor == null ? null : ancestor.getParentId();
        }
    }
}
