package io.orgbase.organization.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.Lifecycle;
import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.collections.CollectionField;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.contact.Contact;
import io.orgbase.customfield.control.CustomFieldValues;
import io.orgbase.organization.Membership;
import io.orgbase.organization.Organization;
import io.orgbase.organization.OrganizationStatus;
import io.orgbase.organization.control.OrganizationTree;
import io.orgbase.organization.control.Slugs;
import io.orgbase.persistence.Ids;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.reference.control.Vocabularies;
import io.orgbase.requests.Locales;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Standing;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantResolution;
import io.orgbase.tenancy.TenantScoped;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Organizations: the tenants. */
@Stateless
@Audited
public class Organizations {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    Standing standing;

    @Inject
    DatabaseSession session;

    @Inject
    TenantResolution tenants;

    @Inject
    Vocabularies vocabularies;

    @Inject
    OrganizationTree tree;

    @Inject
    AuditTrail trail;

    @Resource
    SessionContext context;

    @Inject
    CollectionQueries collections;

    @Inject
    CustomFieldValues customFields;

    @Inject
    Tags tags;

    /**
     * The filter {@code tag} on lists of organizations: those whose own tags include any of the names
     * (exactly as the organization spells it; each organization has its own vocabulary).
     */
    private static final CollectionField.Related OWN_TAG = (where, values) -> {
        CriteriaBuilder cb = where.cb();
        return cb.or(values.stream()
                .map(name -> cb.isTrue(
                        cb.function("jsonb_exists", Boolean.class, where.root().get("tags"), cb.literal(name))))
                .toArray(Predicate[]::new));
    };

    /** In place of {@code {org}}: the organization of the request's subdomain, else the default one. */
    public static final String CURRENT = TenantResolution.CURRENT;

    /** An organization with the caller's role key in it (null for a platform administrator who is not a member). */
    public record Listed(Organization organization, String role) {}

    /**
     * Creates an organization; the caller becomes its owner. With a parent, the caller must be
     * allowed to change the parent organization (organization:write there).
     *
     * @throws io.orgbase.problems.InvalidInput when a field is malformed, the slug reserved, the
     *     type or currency unknown or inactive, the dates out of order, or the parent not one the
     *     caller can see
     * @throws Conflict when the slug or code is taken, or a sibling has the name
     * @throws Forbidden when the caller may not change the parent
     */
    @AuthenticatedOnly
    public Listed create(Caller caller, @Valid OrganizationRequest request) {
        Slugs.check("slug", request.slug());
        if (request.parentId() != null) {
            requireWritableParent(caller, request.parentId());
        }
        UUID id = Ids.newId();
        session.enterTenant(id, caller.userId());
        String code = request.code() == null ? Slugs.defaultCode(request.slug()) : upper(request.code());
        if (exists("Organization.findByCode", "code", code)) {
            throw new Conflict("Another organization has the code " + code + ".");
        }
        Organization organization =
                new Organization(id, request.slug(), request.name().strip(), code, "company");
        // Absent fields take their defaults, which apply() gives for null; only the type must be named.
        Set<String> fields = new HashSet<>(PROFILE_FIELDS);
        if (request.type() == null) {
            fields.remove("type");
        }
        apply(organization, request, fields, true);
        em.persist(organization);
        em.flush(); // no mapped relationship tells EclipseLink to insert the organization first
        em.persist(new Membership(id, caller.userId(), RoleAssignment.system(Role.OWNER)));
        em.flush();
        return new Listed(organization, Role.OWNER.key());
    }

    /** The fields {@link #apply} sets besides code, slug, name and audit retention. */
    private static final Set<String> PROFILE_FIELDS = Set.of(
            "type",
            "parentId",
            "effectiveDate",
            "endDate",
            "timezone",
            "language",
            "currency",
            "primaryAddress",
            "metadata");

    /**
     * Sets the profile fields named in {@code fields} (slug, name and audit retention are the
     * caller's business): each is checked against the vocabularies and the other organizations.
     */
    private void apply(Organization organization, OrganizationRequest values, Set<String> fields, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (fields.contains("code") && values.code() != null) {
            String code = upper(values.code());
            if (!code.equals(organization.getCode()) && exists("Organization.findByCode", "code", code)) {
                throw new Conflict("Another organization has the code " + code + ".");
            }
            organization.setCode(code);
        }
        if (fields.contains("type")) {
            String type = values.type();
            boolean usable = vocabularies
                    .organizationType(type)
                    .filter(t -> t.isActive() || type.equals(organization.getType()) && !creating)
                    .isPresent();
            if (!usable) {
                errors.add(new FieldError("type", "must be the key of an active organization type"));
            } else {
                organization.setType(type);
            }
        }
        if (fields.contains("currency")) {
            String code = values.currency();
            if (code == null) {
                organization.setCurrencyCode(null);
            } else if (vocabularies.currency(code).filter(c -> c.isActive()).isEmpty()) {
                errors.add(new FieldError("currency", "must be the code of an active ISO 4217 currency"));
            } else {
                organization.setCurrencyCode(code);
            }
        }
        if (fields.contains("timezone")) {
            organization.setTimezone(values.timezone() == null ? "UTC" : values.timezone());
        }
        if (fields.contains("language")) {
            organization.setLanguage(
                    values.language() == null ? "en" : Locales.canonicalLanguageTag(values.language()));
        }
        if (fields.contains("effectiveDate")) {
            organization.setEffectiveDate(values.effectiveDate());
        }
        if (fields.contains("endDate")) {
            organization.setEndDate(values.endDate());
        }
        if (organization.getEffectiveDate() != null
                && organization.getEndDate() != null
                && !organization.getEndDate().isAfter(organization.getEffectiveDate())) {
            errors.add(new FieldError("endDate", "must be after effectiveDate"));
        }
        if (fields.contains("primaryAddress")) {
            organization.setPrimaryAddress(
                    values.primaryAddress() == null
                            ? null
                            : values.primaryAddress().toAddress());
        }
        if (fields.contains("metadata")) {
            organization.setMetadata(values.metadata() == null ? "{}" : values.metadata());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (fields.contains("parentId")) {
            organization.setParentId(values.parentId());
        }
        requireUniqueAmongSiblings(organization);
    }

    private void requireUniqueAmongSiblings(Organization organization) {
        if (organization.getParentId() == null) {
            return;
        }
        long same = em.createNamedQuery("Organization.countSiblingsNamed", Long.class)
                .setParameter("parentId", organization.getParentId())
                .setParameter("name", organization.getName())
                .setParameter("id", organization.getId())
                .setFlushMode(FlushModeType.COMMIT)
                .getSingleResult();
        if (same > 0) {
            throw new Conflict("Another subsidiary of the same parent is called " + organization.getName() + ".");
        }
    }

    /**
     * The parent must be an organization the caller can act in with organization:write. Checked in
     * a transaction of its own: that organization is another tenant.
     */
    private void requireWritableParent(Caller caller, UUID parentId) {
        Tenant parent;
        try {
            parent = context.getBusinessObject(Organizations.class).resolve(caller, parentId.toString());
        } catch (NotFound notFound) {
            throw InvalidInput.field("parentId", "no such organization");
        }
        if (!parent.permits(Permission.ORGANIZATION_WRITE)) {
            throw new Forbidden("Your role in the parent organization does not allow adding subsidiaries to it.");
        }
        Lifecycle.check(parent, Permission.ORGANIZATION_WRITE);
    }

    private boolean exists(String query, String parameter, Object value) {
        return !em.createNamedQuery(query, Organization.class)
                .setParameter(parameter, value)
                .setFlushMode(FlushModeType.COMMIT)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    private static String upper(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    /** Sorting, filtering and search on organizations; by slug unless asked otherwise. */
    public static final CollectionSpec<Organization> COLLECTION = CollectionSpec.of(Organization.class)
            .sortable("slug", "slug", FieldType.STRING, true)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("code", "code", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .sortable("effectiveDate", "effectiveDate", FieldType.DATE, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("status", "status", FieldType.STRING, false)
            .filterable("type", "type", FieldType.STRING, false)
            .filterable("parentId", "parentId", FieldType.UUID, false)
            .filterable("currency", "currencyCode", FieldType.STRING, false)
            .filterable("endDate", "endDate", FieldType.DATE, false)
            .related("tag", FieldType.STRING, OWN_TAG)
            .defaultSort("slug", false)
            .build();

    /**
     * The relatives of an organization (children, descendants), by name unless asked otherwise: only
     * on what their view shows (id, slug, code, name, type, status, parent) — a member of a holding
     * sees no more of its subsidiaries, and a filter or sort on a hidden field would reveal it.
     */
    public static final CollectionSpec<Organization> RELATIVES = CollectionSpec.of(Organization.class)
            .sortable("slug", "slug", FieldType.STRING, true)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("code", "code", FieldType.STRING, true)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("status", "status", FieldType.STRING, false)
            .filterable("type", "type", FieldType.STRING, false)
            .filterable("parentId", "parentId", FieldType.UUID, false)
            .defaultSort("name", false)
            .build();

    /**
     * A page of the caller's organizations (those where their membership stands: active, sign-in
     * policy met); of every organization for a platform administrator.
     */
    @AuthenticatedOnly
    public Slice<Listed> listFor(Caller caller, CollectionRequest request) {
        // only memberships the caller may act through now: a suspended one, or one whose
        // organization's sign-in policy this session does not meet, shows nothing of it here
        Map<UUID, String> roles = standing.of(caller).values().stream()
                .collect(Collectors.toMap(Membership::getOrgId, m -> m.getRole().key()));
        Slice<Organization> page = caller.platformAdmin()
                ? collections.page(COLLECTION, request, (cb, o) -> unlessArchived(request, cb, o, cb.conjunction()))
                : collections.page(
                        COLLECTION,
                        request,
                        (cb, o) -> unlessArchived(
                                request,
                                cb,
                                o,
                                roles.isEmpty() ? cb.disjunction() : o.get("id").in(roles.keySet())));
        return page.map(o -> new Listed(o, roles.get(o.getId())));
    }

    /**
     * Resolves {@code {org}} (a slug or an id) to the tenant the caller acts in, in a transaction of
     * its own: the organization may be another tenant than the calling transaction's.
     *
     * @throws NotFound when no such organization exists or the caller is not a member (platform
     *     administrators may act in any organization)
     * @throws Forbidden when the caller's membership is suspended
     */
    @AuthenticatedOnly
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Tenant resolve(Caller caller, String reference) {
        Tenant tenant = Tenant.of(caller, reference);
        tenant.resolve(tenants.resolve(tenant));
        return tenant;
    }

    /** What the caller may do in an organization: its role and every permission that grants. */
    public record CallerAccess(
            String role, java.util.List<String> permissions, boolean owner, boolean platformAdmin, String status) {}

    /**
     * The caller's role and effective permissions in the tenant's organization (for clients that
     * show only what the caller may do; the server checks every action again). Answers in every
     * lifecycle state.
     */
    @TenantScoped
    @RequiresPermission(value = Permission.ORGANIZATION_READ, lifecycle = Lifecycle.Applies.NEVER)
    public CallerAccess access(Tenant tenant) {
        return new CallerAccess(
                tenant.roleKey(),
                tenant.permissions().stream().map(Permission::key).sorted().toList(),
                tenant.actsAsOwner(),
                tenant.caller().platformAdmin(),
                tenant.status().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The tenant's organization. */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Listed get(Tenant tenant) {
        return new Listed(load(tenant), tenant.roleKey());
    }

    /**
     * Changes the fields present in the patch. Moving the organization (a new {@code parentId},
     * or null to make it a top-level organization) is for its owners, and needs organization:write
     * in the new parent; a move below itself is refused.
     *
     * @throws io.orgbase.problems.InvalidInput as for {@link #create}, and for a cycle
     * @throws Conflict when the slug or code is taken, or a sibling has the name
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public Listed update(Tenant tenant, @Valid Patch<OrganizationRequest> patch) {
        Organization organization = load(tenant);
        patch.precondition().check(organization);
        OrganizationRequest values = patch.values();
        // These read (and may add to) the organization's vocabularies before anything changes: a
        // query after a change would flush it as an UPDATE of its own.
        String custom = patch.has("customFields")
                ? customFields.update(RecordKind.ORGANIZATION, organization.getCustomFields(), values.customFields())
                : null;
        if (patch.has("primaryContactId")
                && values.primaryContactId() != null
                && em.find(Contact.class, values.primaryContactId()) == null) {
            throw InvalidInput.field("primaryContactId", "no such contact in this organization");
        }
        List<String> ownTags = patch.has("tags")
                ? tags.canonical(tenant, values.tags() == null ? List.of() : Tags.clean(values.tags()))
                : null;
        if (patch.has("slug")) {
            Slugs.check("slug", values.slug());
            organization.setSlug(values.slug());
        }
        if (patch.has("name")) {
            organization.setName(values.name().strip());
        }
        if (patch.has("auditRetentionDays")) {
            if (!tenant.actsAsOwner()) {
                throw new Forbidden("Only owners decide how long the audit trail is kept.");
            }
            organization.setAuditRetentionDays(values.auditRetentionDays());
        }
        boolean moves = patch.has("parentId") && !Objects.equals(values.parentId(), organization.getParentId());
        if (moves) {
            if (!tenant.actsAsOwner()) {
                throw new Forbidden("Only owners move an organization in the hierarchy.");
            }
            if (values.parentId() != null) {
                if (values.parentId().equals(organization.getId())) {
                    throw InvalidInput.field("parentId", "would make the organization its own ancestor");
                }
                requireWritableParent(tenant.caller(), values.parentId());
                tree.lock();
                tree.requireAcyclic(organization.getId(), values.parentId());
            }
        }
        Set<String> fields = new HashSet<>(patch.fields());
        if (!moves) {
            fields.remove("parentId");
        }
        apply(organization, values, fields, false);
        if (custom != null) {
            organization.setCustomFields(custom);
        }
        if (ownTags != null) {
            organization.attachTags(ownTags);
        }
        if (patch.has("primaryContactId")) {
            organization.setPrimaryContactId(values.primaryContactId());
        }
        em.flush();
        return new Listed(organization, tenant.roleKey());
    }

    /**
     * Moves the organization through its lifecycle: active, suspended (read-only for everyone but
     * owners; API keys stop working), archived (read-only, hidden from lists unless asked for).
     * Owners may suspend or archive their organization; platform administrators may make any
     * transition, and only they bring an organization back to active. Each transition is audited
     * with its reason. Runs whatever the current state (its own rules, not the lifecycle's).
     *
     * @throws Forbidden when the caller may not make this transition
     */
    @TenantScoped
    @RequiresPermission(value = Permission.ORGANIZATION_READ, lifecycle = Lifecycle.Applies.NEVER)
    public Listed changeStatus(
            Tenant tenant, OrganizationStatus target, @Size(max = 500) String reason, Precondition precondition) {
        Organization organization = load(tenant);
        precondition.check(organization);
        OrganizationStatus from = organization.getStatus();
        if (from == target) {
            return new Listed(organization, tenant.roleKey());
        }
        if (!tenant.caller().platformAdmin()) {
            if (!tenant.actsAsOwner()) {
                throw new Forbidden("Only owners and platform administrators change an organization's status.");
            }
            if (target == OrganizationStatus.ACTIVE || from == OrganizationStatus.ARCHIVED) {
                throw new Forbidden("Only a platform administrator reactivates a " + key(from) + " organization.");
            }
        }
        organization.setStatus(target);
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("from", key(from));
        details.put("to", key(target));
        if (reason != null) {
            details.put("reason", reason);
        }
        trail.record("organization-" + key(target), "organization", organization.getId(), details);
        em.flush();
        return new Listed(organization, tenant.roleKey());
    }

    /** Archived organizations are left out of lists unless the client filters on status. */
    private static Predicate unlessArchived(
            CollectionRequest request, CriteriaBuilder cb, Root<Organization> o, Predicate scope) {
        if (request.mentions("status")) {
            return scope;
        }
        return cb.and(scope, cb.notEqual(o.get("status"), OrganizationStatus.ARCHIVED));
    }

    private static String key(OrganizationStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** An organization in a hierarchy listing, with its distance from the one asked about. */
    public record Relative(Organization organization, int depth) {}

    /** The direct subsidiaries, as a collection (paging, sorting, filters, search). */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Slice<Relative> children(Tenant tenant, CollectionRequest request) {
        return collections
                .page(
                        RELATIVES,
                        request,
                        (cb, o) -> unlessArchived(request, cb, o, cb.equal(o.get("parentId"), tenant.orgId())))
                .map(o -> new Relative(o, 1));
    }

    /** Every parent up to the top of the hierarchy, the top first; depth counts up from the tenant. */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public List<Relative> ancestors(Tenant tenant) {
        List<Organization> path = tree.ancestors(tenant.orgId());
        List<Relative> relatives = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            relatives.add(new Relative(path.get(i), path.size() - i));
        }
        return relatives;
    }

    /**
     * Everything below the organization, as a collection (paging, sorting, filters, search), each
     * with its depth (1: a direct subsidiary). Covers up to {@link OrganizationTree#MAX_SUBTREE}
     * organizations, the nearest first.
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Slice<Relative> descendants(Tenant tenant, CollectionRequest request) {
        Map<UUID, Integer> depths = tree.descendants(tenant.orgId());
        return collections
                .page(
                        RELATIVES,
                        request,
                        (cb, o) -> unlessArchived(
                                request,
                                cb,
                                o,
                                depths.isEmpty()
                                        ? cb.disjunction()
                                        : o.get("id").in(depths.keySet())))
                .map(o -> new Relative(o, depths.get(o.getId())));
    }

    /**
     * Deletes the organization with everything it owns. Owners only.
     *
     * @throws Conflict while it has subsidiaries (move or delete them first)
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_DELETE)
    public void delete(Tenant tenant, Precondition precondition) {
        Organization organization = load(tenant);
        precondition.check(organization);
        long children = em.createNamedQuery("Organization.countChildren", Long.class)
                .setParameter("id", organization.getId())
                .getSingleResult();
        if (children > 0) {
            throw new Conflict("The organization has " + children + " subsidiaries; move or delete them first.");
        }
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
