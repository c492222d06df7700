package io.orgbase.analytics.api;

import io.orgbase.analytics.boundary.PlatformOverview;
import io.orgbase.analytics.boundary.PlatformOverview.Figures;
import io.orgbase.api.Callers;
import io.orgbase.api.Cost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's key figures across every organization: platform administrators only. */
@Path("admin/overview")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class PlatformOverviewResource {

    /**
     * What one overview costs of the caller's budget: a pass over every account, membership and
     * organization of the platform (whole tables) besides four index reads — as much as walking an
     * audit chain (20), more than one organization's analytics (10, its own rows through indexes).
     */
    static final int COST = 20;

    @Inject
    Callers callers;

    @Inject
    PlatformOverview overview;

    @GET
    @Cost(COST)
    @Operation(
            summary = "The platform's key figures across every organization; platform administrators only",
            description = "Organizations by status and created in the last 30 days; accounts, with a verified email,"
                    + " with a second factor (TOTP), platform administrators, created in the last 30 days; active"
                    + " memberships; sign-ins and failed sign-ins of the last 24 hours (the platform audit trail's"
                    + " login-succeeded and login-failed); data jobs queued, running and failed in the last 24 hours;"
                    + " dead letters. Counted in SQL when asked, over whole tables for accounts, memberships and"
                    + " organizations: costs "
                    + COST
                    + " requests of the caller's budget and, like every expensive read, runs at most two at once per"
                    + " caller (ORGBASE_RATE_LIMIT_EXPENSIVE_CONCURRENT).")
    @APIResponse(
            responseCode = "200",
            description = "The figures",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "PlatformOverview")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Figures get() {
        return overview.figures(callers.currentUser());
    }
}
