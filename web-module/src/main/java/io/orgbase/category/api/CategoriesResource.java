package io.orgbase.category.api;

import io.orgbase.api.CollectionDoc;
import io.orgbase.api.Tagged;
import io.orgbase.api.TreeResource;
import io.orgbase.category.Category;
import io.orgbase.category.boundary.Categories;
import io.orgbase.category.boundary.CategoryRequest;
import io.orgbase.json.Jsonp;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.tag.control.Tags;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Categories of one organization: a tree collection, declared. */
@Tag(name = "categories")
@CollectionDoc(
        item = "Category",
        request = "CategoryRequest",
        patch = "CategoryPatch",
        list =
                @Operation(
                        summary = "Categories, by name unless sorted otherwise",
                        description = "Sortable: name, slug, type, createdAt, updatedAt, depth. Filterable: those, id,"
                                + " parentId, active, description, createdBy, updatedBy, and tag. Searched by `q`: name,"
                                + " slug, description."),
        create = @Operation(summary = "Create a category; the slug is made from the name when none is sent"),
        bulk = @Operation(summary = "Create, change and delete categories in one request"),
        get = @Operation(summary = "A category"),
        update = @Operation(summary = "Change a category; parentId moves it with its subtree (cycles are refused)"),
        delete = @Operation(summary = "Delete a category without sub-categories"),
        descendants = @Operation(summary = "Everything below the category, at any depth"),
        ancestors = @Operation(summary = "The categories above this one, the top first"))
public class CategoriesResource extends TreeResource<Category, CategoryRequest, CategoriesResource.CategoryView> {

    private final Tenant tenant;
    private final Categories categories;

    public CategoriesResource(Tenant tenant, Categories categories) {
        super(CategoryView::of, Category::getId);
        this.tenant = tenant;
        this.categories = categories;
    }

    public record CategoryView(
            UUID id,
            String name,
            String slug,
            String type,
            UUID parentId,
            int depth,
            String description,
            boolean active,
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

        static CategoryView of(Category c) {
            return new CategoryView(
                    c.getId(),
                    c.getName(),
                    c.getSlug(),
                    c.getType().key(),
                    c.getParentId(),
                    c.getDepth(),
                    c.getDescription(),
                    c.isActive(),
                    Jsonp.object(c.getCustomFields()),
                    c.getTags(),
                    c.getCreatedAt(),
                    c.getCreatedBy(),
                    c.getUpdatedAt(),
                    c.getUpdatedBy(),
                    c.getVersion());
        }
    }

    @Override
    protected Calls<Tenant, UUID, Category, CategoryRequest> calls() {
        return new Calls<>(
                tenant, categories::list, categories::get, categories::create, categories::update, categories::delete);
    }

    @Override
    protected Branches<Tenant, Category> branches() {
        return new Branches<>(tenant, categories::descendants, categories::ancestors);
    }

    @Override
    protected CategoryRequest read(JsonBody json, Write write) {
        return new CategoryRequest(
                json.string("name", write.identity()),
                json.string("slug", Need.OPTIONAL),
                json.string("type", write.identity()),
                json.uuid("parentId", Need.NULLABLE),
                json.string("description", Need.NULLABLE),
                json.bool("active", Need.OPTIONAL),
                json.document("customFields", write.clearable()),
                json.strings("tags", write.clearable(), Tags.MAX_PER_RECORD));
    }
}
