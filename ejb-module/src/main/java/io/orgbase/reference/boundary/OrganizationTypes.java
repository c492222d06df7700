package io.orgbase.reference.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.reference.OrganizationType;
import io.orgbase.reference.control.Vocabularies;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The kinds of organization a tenant can be; curated by platform administrators. */
@Stateless
@Audited
@AuthenticatedOnly
public class OrganizationTypes {

    public static final CollectionSpec<OrganizationType> COLLECTION = CollectionSpec.of(OrganizationType.class)
            .sortable("key", "key", FieldType.STRING, true)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("active", "active", FieldType.BOOLEAN, false)
            .filterable("description", "description", FieldType.STRING, true)
            .defaultSort("name", false)
            .build();

    /** A type as a platform administrator writes it; the key is set once, on creation. */
    public record TypeRequest(
            @Pattern(
                            regexp = "(?!bulk$)[a-z][a-z0-9-]{1,49}",
                            message = "must be 2-50 lowercase letters, digits or '-' (not 'bulk')")
                    String key,
            @Size(min = 1, max = 100) String name,
            @Size(max = 1000) String description,
            Boolean active) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    CollectionQueries collections;

    @Inject
    Vocabularies vocabularies;

    public Slice<OrganizationType> list(Caller caller, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when no type has this key */
    public OrganizationType get(Caller caller, String key) {
        return vocabularies.organizationType(key).orElseThrow(() -> new NotFound("No such organization type."));
    }

    /**
     * @throws io.orgbase.problems.Forbidden unless a platform administrator asks
     * @throws Conflict when the key or the name is taken
     */
    @PlatformAdminOnly("change organization types")
    public OrganizationType create(Caller caller, @Valid TypeRequest request) {
        if (vocabularies.organizationType(request.key()).isPresent()) {
            throw new Conflict("An organization type with this key exists.");
        }
        OrganizationType type =
                new OrganizationType(request.key(), request.name().strip());
        type.setDescription(request.description());
        if (request.active() != null) {
            type.setActive(request.active());
        }
        em.persist(type);
        em.flush();
        return type;
    }

    /**
     * Renames, describes, or retires a type (inactive types stay on their organizations).
     *
     * @throws NotFound when no type has this key
     */
    @PlatformAdminOnly("change organization types")
    public OrganizationType update(Caller caller, String key, @Valid Patch<TypeRequest> patch) {
        OrganizationType type = get(caller, key);
        patch.precondition().check(type);
        if (patch.has("key") && !key.equals(patch.values().key())) {
            throw InvalidInput.field("key", "cannot change; create a new type instead");
        }
        if (patch.has("name")) {
            type.setName(patch.values().name().strip());
        }
        if (patch.has("description")) {
            type.setDescription(patch.values().description());
        }
        if (patch.has("active")) {
            type.setActive(patch.values().active());
        }
        em.flush();
        return type;
    }

    /** @throws Conflict while organizations have this type (retire it instead) */
    @PlatformAdminOnly("change organization types")
    public void delete(Caller caller, String key, Precondition precondition) {
        OrganizationType type = get(caller, key);
        precondition.check(type);
        long uses = em.createNamedQuery("OrganizationType.countUses", Long.class)
                .setParameter("key", key)
                .getSingleResult();
        if (uses > 0) {
            throw new Conflict(uses + " organization(s) have this type; set it inactive instead.");
        }
        em.remove(type);
        em.flush();
    }
}
