package io.orgbase.organization.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.organization.Membership;
import io.orgbase.organization.Organization;
import io.orgbase.organization.control.MembershipTenants;
import io.orgbase.organization.control.Slugs;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Organizations: the tenants. */
@Stateless
@Audited
public class Organizations {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    MembershipTenants tenants;

    @Inject
    CollectionQueries collections;

    /** In place of {@code {org}}: the organization of the request's subdomain, else the default one. */
    public static final String CURRENT = MembershipTenants.CURRENT;

    /** An organization with the caller's role key in it (null for a platform administrator who is not a member). */
    public record Listed(Organization organization, String role) {}

    /**
     * Creates an organization; the caller becomes its owner.
     *
     * @throws io.orgbase.problems.InvalidInput when the slug is malformed or reserved
     */
    @AuthenticatedOnly
    public Listed create(Caller caller, @Valid OrganizationRequest request) {
        Slugs.check("slug", request.slug());
        UUID id = Ids.newId();
        session.enterTenant(id, caller.userId());
        Organization organization =
                new Organization(id, request.slug(), request.name().strip());
        em.persist(organization);
        em.flush(); // no mapped relationship tells EclipseLink to insert the organization first
        em.persist(new Membership(id, caller.userId(), RoleAssignment.system(Role.OWNER)));
        em.flush();
        return new Listed(organization, Role.OWNER.key());
    }

    /** Sorting, filtering and search on organizations; by slug unless asked otherwise. */
    public static final CollectionSpec<Organization> COLLECTION = CollectionSpec.of(Organization.class)
            .sortable("slug", "slug", FieldType.STRING, true)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("status", "status", FieldType.STRING, false)
            .defaultSort("slug", false)
            .build();

    /** A page of the caller's organizations; of every organization for a platform administrator. */
    @AuthenticatedOnly
    public Slice<Listed> listFor(Caller caller, CollectionRequest request) {
        session.enterUser(caller.userId());
        Map<UUID, String> roles = em.createNamedQuery("Membership.ofUser", Membership.class)
                .setParameter("userId", caller.userId())
                .getResultStream()
                .collect(Collectors.toMap(Membership::getOrgId, m -> m.getRole().key()));
        Slice<Organization> page = caller.platformAdmin()
                ? collections.page(COLLECTION, request)
                : collections.page(
                        COLLECTION,
                        request,
                        (cb, o) ->
                                roles.isEmpty() ? cb.disjunction() : o.get("id").in(roles.keySet()));
        return page.map(o -> new Listed(o, roles.get(o.getId())));
    }

    /**
     * Resolves {@code {org}} (a slug or an id) to the tenant the caller acts in.
     *
     * @throws NotFound when no such organization exists or the caller is not a member (platform
     *     administrators may act in any organization)
     * @throws Forbidden when the caller's membership is suspended
     */
    @AuthenticatedOnly
    public Tenant resolve(Caller caller, String reference) {
        Tenant tenant = Tenant.of(caller, reference);
        tenant.resolve(tenants.resolve(tenant));
        return tenant;
    }

    /** The tenant's organization. */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Listed get(Tenant tenant) {
        return new Listed(load(tenant), tenant.roleKey());
    }

    /** Renames the organization or changes its slug. */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public Listed update(Tenant tenant, @Valid Patch<OrganizationRequest> patch) {
        Organization organization = load(tenant);
        patch.precondition().check(organization);
        if (patch.has("slug")) {
            Slugs.check("slug", patch.values().slug());
            organization.setSlug(patch.values().slug());
        }
        if (patch.has("name")) {
            organization.setName(patch.values().name().strip());
        }
        if (patch.has("auditRetentionDays")) {
            if (!tenant.actsAsOwner()) {
                throw new Forbidden("Only owners decide how long the audit trail is kept.");
            }
            organization.setAuditRetentionDays(patch.values().auditRetentionDays());
        }
        em.flush();
        return new Listed(organization, tenant.roleKey());
    }

    /** Deletes the organization with everything it owns. Owners only. */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_DELETE)
    public void delete(Tenant tenant, Precondition precondition) {
        Organization organization = load(tenant);
        precondition.check(organization);
        em.remove(organization);
        em.flush();
    }

    private Organization load(Tenant tenant) {
        Organization organization = em.find(Organization.class, tenant.orgId());
        if (organization == null) {
            throw new NotFound("No such organization.");
        }
        return organization;
    }
}
