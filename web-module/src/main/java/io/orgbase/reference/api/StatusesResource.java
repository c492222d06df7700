package io.orgbase.reference.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
import io.orgbase.api.CollectionDoc;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The status vocabulary. */
@Path("statuses")
@ApplicationScoped
@Tag(name = "reference")
@CollectionDoc(
        item = "Status",
        request = "StatusRequest",
        patch = "StatusPatch",
        key = "slug",
        keyFormat = "",
        list =
                @Operation(
                        summary = "The status vocabulary",
                        description =
                                "Sortable: slug (default), name, category. Filterable: those, colour; q searches slug, "
                                        + "name, category. Any credentials (API keys too)."),
        create = @Operation(summary = "Add one (platform administrators)"),
        bulk =
                @Operation(
                        summary = "Create, change and delete statuses in one request (platform administrators)",
                        description =
                                "Operations: create, update, delete. An operation's id is the status's slug. Each runs "
                                        + "exactly as its single-item endpoint would and gets that endpoint's status and body (a "
                                        + "problem document when it fails). With atomic true they share one transaction: at the "
                                        + "first failure everything is undone, the failed operation keeps its own status and the "
                                        + "others are 424; committed tells which happened. At most 100 operations."),
        get = @Operation(summary = "One of them"),
        update = @Operation(summary = "Change it (platform administrators; its slug never changes)"),
        delete = @Operation(summary = "Remove it (platform administrators; 409 while anything uses it)"))
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
