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
import io.orgbase.reference.Status;
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
import org.eclipse.persistence.config.QueryHints;

/** The status vocabulary entities with a status use; curated by platform administrators. */
@Stateless
@Audited
@AuthenticatedOnly
public class Statuses {

    public static final CollectionSpec<Status> COLLECTION = CollectionSpec.of(Status.class)
            .sortable("slug", "slug", FieldType.STRING, true)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("category", "category", FieldType.STRING, true)
            .filterable("colour", "colour", FieldType.STRING, false)
            .defaultSort("slug", false)
            .build();

    /** A status as a platform administrator writes it; the slug is set once, on creation. */
    public record StatusRequest(
            @Pattern(
                            regexp = "(?!bulk$)[a-z][a-z0-9_-]{1,49}",
                            message = "must be 2-50 lowercase letters, digits, '_' or '-' (not 'bulk')")
                    String slug,
            @Size(min = 1, max = 100) String name,
            @Size(max = 1000) String description,
            @Pattern(regexp = "[a-z][a-z0-9_-]{0,49}", message = "must be lowercase letters, digits, '_' or '-'")
                    String category,
            @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "must be a hex colour such as #2e7d32") String colour) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    CollectionQueries collections;

    @Inject
    Vocabularies vocabularies;

    public Slice<Status> list(Caller caller, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when no status has this slug */
    public Status get(Caller caller, String slug) {
        return vocabularies.status(slug).orElseThrow(() -> new NotFound("No such status."));
    }

    /**
     * @throws io.orgbase.problems.Forbidden unless a platform administrator asks
     * @throws Conflict when the slug or the name is taken
     */
    @PlatformAdminOnly("change statuses")
    public Status create(Caller caller, @Valid StatusRequest request) {
        if (vocabularies.status(request.slug()).isPresent()) {
            throw new Conflict("A status with this slug exists.");
        }
        Status status = new Status(
                request.slug(), request.name().strip(), request.category() == null ? "general" : request.category());
        status.setDescription(request.description());
        status.setColour(request.colour() == null ? null : request.colour().toLowerCase(java.util.Locale.ROOT));
        em.persist(status);
        em.flush();
        return status;
    }

    /** @throws NotFound when no status has this slug */
    @PlatformAdminOnly("change statuses")
    public Status update(Caller caller, String slug, @Valid Patch<StatusRequest> patch) {
        Status status = get(caller, slug);
        patch.precondition().check(status);
        StatusRequest values = patch.values();
        if (patch.has("slug") && !slug.equals(values.slug())) {
            throw InvalidInput.field("slug", "cannot change; entities refer to it");
        }
        if (patch.has("name")) {
            status.setName(values.name().strip());
        }
        if (patch.has("description")) {
            status.setDescription(values.description());
        }
        if (patch.has("category")) {
            status.setCategory(values.category());
        }
        if (patch.has("colour")) {
            status.setColour(values.colour() == null ? null : values.colour().toLowerCase(java.util.Locale.ROOT));
        }
        em.flush();
        return status;
    }

    /**
     * @throws Conflict while anything has this status (organizations are counted here; the foreign
     *     keys of every table with a status refuse the rest)
     */
    @PlatformAdminOnly("change statuses")
    public void delete(Caller caller, String slug, Precondition precondition) {
        Status status = get(caller, slug);
        precondition.check(status);
        long uses = ((Number) em.createNativeQuery("select count(*) from organization where status = ?1")
                        .setParameter(1, slug)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getSingleResult())
                .longValue();
        if (uses > 0) {
            throw new Conflict(uses + " organization(s) have this status.");
        }
        em.remove(status);
        em.flush();
    }
}
