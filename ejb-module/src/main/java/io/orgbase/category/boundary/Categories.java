package io.orgbase.category.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.category.Category;
import io.orgbase.category.CategoryType;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.extensible.ExtensibleRecords;
import io.orgbase.extensible.ExtensibleRecords.Extras;
import io.orgbase.extensible.ExtensibleResults;
import io.orgbase.persistence.RecordKind;
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
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Categories of the tenant organization, a tree ({@link Trees}). Every query is limited to the
 * tenant by the ORM and RLS; the database keeps each category's materialized path.
 */
@Stateless
@Audited
@TenantScoped
@ExtensibleResults
public class Categories {

    /** What clients may sort, filter and search categories on; by name unless asked otherwise. */
    public static final CollectionSpec<Category> COLLECTION = CollectionSpec.of(Category.class)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("slug", "slug", FieldType.STRING, true)
            .sortable("type", "type", FieldType.STRING, false)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .sortable("updatedAt", "updatedAt", FieldType.TIMESTAMP, false)
            .sortable("depth", "depth", FieldType.INTEGER, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("parentId", "parentId", FieldType.UUID, false)
            .filterable("active", "active", FieldType.BOOLEAN, false)
            .filterable("description", "description", FieldType.STRING, true)
            .filterable("createdBy", "createdBy", FieldType.UUID, false)
            .filterable("updatedBy", "updatedBy", FieldType.UUID, false)
            .related("tag", FieldType.STRING, Tags.filter(RecordKind.CATEGORY))
            .defaultSort("name", false)
            .build();

    static final Tree<Category> TREE = Tree.of(Category.class, "category");

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    ExtensibleRecords extensible;

    @Inject
    Trees trees;

    @Inject
    CollectionQueries collections;

    @RequiresPermission(Permission.CATEGORIES_READ)
    public Slice<Category> list(Tenant tenant, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when the tenant has no category with this id */
    @RequiresPermission(Permission.CATEGORIES_READ)
    public Category get(Tenant tenant, UUID id) {
        return require(id);
    }

    /** A page of everything below the category, at any depth. */
    @RequiresPermission(Permission.CATEGORIES_READ)
    public Slice<Category> descendants(Tenant tenant, UUID id, CollectionRequest request) {
        return collections.page(COLLECTION, request, trees.below(require(id)));
    }

    /** The categories above this one, the top first. */
    @RequiresPermission(Permission.CATEGORIES_READ)
    public List<Category> ancestors(Tenant tenant, UUID id) {
        return trees.ancestors(TREE, require(id));
    }

    /**
     * @throws InvalidInput when the type is missing, the parent is not a category of this
     *     organization or the tree would grow too deep
     * @throws Conflict when the slug is taken, or a sibling of the same type has the name
     */
    @RequiresPermission(Permission.CATEGORIES_WRITE)
    public Category create(Tenant tenant, @Valid CategoryRequest request) {
        if (request.type() == null) {
            throw InvalidInput.field("type", "is required");
        }
        String name = request.name().strip();
        String slug = request.slug() != null ? requireFree(request.slug()) : freeSlug(tenant, name);
        Category category = new Category(name, slug, CategoryType.byKey(request.type()));
        Extras extras = extensible.forNew(category, request);
        category.setDescription(request.description());
        if (request.active() != null) {
            category.setActive(request.active());
        }
        extras.setOn(category);
        trees.placeNew(TREE, tenant, category, request.parentId());
        em.persist(category);
        em.flush();
        em.refresh(category);
        extensible.store(tenant, category, extras);
        return category;
    }

    /**
     * Applies the fields present in the patch; a move carries the subtree along, and a move under
     * itself or a descendant is refused.
     *
     * @throws NotFound when the tenant has no category with this id
     */
    @RequiresPermission(Permission.CATEGORIES_WRITE)
    public Category update(Tenant tenant, UUID id, @Valid Patch<CategoryRequest> patch) {
        Category category = require(id);
        CategoryRequest values = patch.values();
        boolean moves = patch.has("parentId") && !Objects.equals(values.parentId(), category.getParentId());
        if (moves) {
            trees.prepareMove(TREE, tenant, category);
        }
        patch.precondition().check(category);
        if (patch.has("slug") && !values.slug().equals(category.getSlug())) {
            requireFree(values.slug());
        }
        Extras extras = extensible.forChange(category, patch);
        if (moves) {
            trees.move(TREE, category, values.parentId());
        }
        if (patch.has("name")) {
            category.setName(values.name().strip());
        }
        if (patch.has("slug")) {
            category.setSlug(values.slug());
        }
        if (patch.has("type")) {
            category.setType(CategoryType.byKey(values.type()));
        }
        if (patch.has("description")) {
            category.setDescription(values.description());
        }
        if (patch.has("active")) {
            category.setActive(values.active());
        }
        extras.setOn(category);
        em.flush();
        if (moves) {
            em.refresh(category);
        }
        extensible.store(tenant, category, extras);
        return category;
    }

    /** @throws Conflict when the category still has sub-categories */
    @RequiresPermission(Permission.CATEGORIES_WRITE)
    public void delete(Tenant tenant, UUID id, Precondition precondition) {
        Category category = require(id);
        precondition.check(category);
        if (trees.children(TREE, id) > 0) {
            throw new Conflict("The category has sub-categories; move or delete them first.");
        }
        em.remove(category);
        em.flush();
    }

    private Category require(UUID id) {
        Category category = em.find(Category.class, id);
        if (category == null) {
            throw new NotFound("No such category.");
        }
        return category;
    }

    private String requireFree(String slug) {
        if (taken(slug)) {
            throw new Conflict("Another category of this organization has the slug " + slug + ".");
        }
        return slug;
    }

    /**
     * The name as a slug ({@code Café & Bar} is {@code cafe-bar}), numbered when the organization has
     * it already ({@code cafe-bar-2}, the lowest number free). Names with no Latin letters or digits
     * become {@code category}, numbered alike. Creates that make slugs queue on the organization's
     * category-tree lock (the one moves and inserts under a parent take too, so no second lock can
     * be taken in the opposite order), so two of them cannot pick the same number.
     */
    private String freeSlug(Tenant tenant, String name) {
        String base = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (base.length() > 90) {
            base = base.substring(0, 90).replaceAll("-+$", "");
        }
        if (base.isEmpty()) {
            base = "category";
        }
        // the tree's own lock: one lock for a category's place and its slug, taken in one order
        trees.lock(TREE, tenant);
        Set<String> used = Set.copyOf(em.createQuery(
                        "select c.slug from Category c where c.slug = :base or c.slug like :numbered", String.class)
                .setParameter("base", base)
                .setParameter("numbered", base + "-%")
                .getResultList());
        if (!used.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            if (!used.contains(base + "-" + n)) {
                return base + "-" + n;
            }
        }
    }

    private boolean taken(String slug) {
        return !em.createQuery("select c.id from Category c where c.slug = :slug", UUID.class)
                .setParameter("slug", slug)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }
}
