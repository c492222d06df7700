package io.orgbase.reference.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
import io.orgbase.api.CollectionDoc;
import io.orgbase.api.CollectionResource;
import io.orgbase.api.Tagged;
import io.orgbase.reference.OrganizationType;
import io.orgbase.reference.boundary.OrganizationTypes;
import io.orgbase.reference.boundary.OrganizationTypes.TypeRequest;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization types. */
@Path("organization-types")
@ApplicationScoped
@Tag(name = "reference")
@CollectionDoc(
        item = "OrganizationType",
        request = "OrganizationTypeRequest",
        patch = "OrganizationTypePatch",
        key = "key",
        keyFormat = "",
        list =
                @Operation(
                        summary = "Organization types",
                        description =
                                "Sortable: name (default), key, createdAt. Filterable: those, active, description; q "
                                        + "searches key, name, description. Any credentials (API keys too)."),
        create = @Operation(summary = "Add one (platform administrators)"),
        bulk =
                @Operation(
                        summary =
                                "Create, change and delete organization types in one request (platform administrators)",
                        description =
                                "Operations: create, update, delete. An operation's id is the type's key. Each runs "
                                        + "exactly as its single-item endpoint would and gets that endpoint's status and body (a "
                                        + "problem document when it fails). With atomic true they share one transaction: at the "
                                        + "first failure everything is undone, the failed operation keeps its own status and the "
                                        + "others are 424; committed tells which happened. At most 100 operations."),
        get = @Operation(summary = "One of them"),
        update = @Operation(summary = "Change it (platform administrators; its key never changes)"),
        delete = @Operation(summary = "Remove it (platform administrators; 409 while anything uses it)"))
public class OrganizationTypesResource
        extends CollectionResource<String, OrganizationType, TypeRequest, OrganizationTypesResource.TypeView> {

    public OrganizationTypesResource() {
        super(KEYS, TypeView::of, OrganizationType::getKey);
    }

    @Inject
    Callers callers;

    @Inject
    OrganizationTypes types;

    public record TypeView(
            String key,
            String name,
            String description,
            boolean active,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static TypeView of(OrganizationType t) {
            return new TypeView(
                    t.getKey(),
                    t.getName(),
                    t.getDescription(),
                    t.isActive(),
                    t.getCreatedAt(),
                    t.getUpdatedAt(),
                    t.getVersion());
        }
    }

    @Override
    protected Calls<Caller, String, OrganizationType, TypeRequest> calls() {
        return new Calls<>(callers.current(), types::list, types::get, types::create, types::update, types::delete);
    }

    @Override
    protected TypeRequest read(JsonBody json, Write write) {
        return new TypeRequest(
                json.string("key", write.identity()),
                json.string("name", write.identity()),
                json.string("description", Need.NULLABLE),
                json.bool("active", Need.OPTIONAL));
    }
}
