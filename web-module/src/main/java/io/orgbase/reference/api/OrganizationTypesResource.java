package io.orgbase.reference.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
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

/** The organization types. */
@Path("organization-types")
@ApplicationScoped
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
