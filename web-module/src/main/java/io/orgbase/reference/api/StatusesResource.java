package io.orgbase.reference.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
import io.orgbase.api.CollectionResource;
import io.orgbase.api.Tagged;
import io.orgbase.reference.Status;
import io.orgbase.reference.boundary.Statuses;
import io.orgbase.reference.boundary.Statuses.StatusRequest;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** The status vocabulary. */
@Path("statuses")
@ApplicationScoped
public class StatusesResource extends CollectionResource<String, Status, StatusRequest, StatusesResource.StatusView> {

    public StatusesResource() {
        super(KEYS, StatusView::of, Status::getSlug);
    }

    @Inject
    Callers callers;

    @Inject
    Statuses statuses;

    public record StatusView(String slug, String name, String description, String category, String colour, long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static StatusView of(Status s) {
            return new StatusView(
                    s.getSlug(), s.getName(), s.getDescription(), s.getCategory(), s.getColour(), s.getVersion());
        }
    }

    @Override
    protected Calls<Caller, String, Status, StatusRequest> calls() {
        return new Calls<>(
                callers.current(), statuses::list, statuses::get, statuses::create, statuses::update, statuses::delete);
    }

    @Override
    protected StatusRequest read(JsonBody json, Write write) {
        return new StatusRequest(
                json.string("slug", write.identity()),
                json.string("name", write.identity()),
                json.string("description", Need.NULLABLE),
                json.string("category", Need.OPTIONAL),
                json.string("colour", Need.NULLABLE));
    }
}
