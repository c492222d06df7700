package io.orgbase.analytics.api;

import io.orgbase.analytics.boundary.Analytics;
import io.orgbase.analytics.boundary.Analytics.Report;
import io.orgbase.api.Cost;
import io.orgbase.requests.QueryInts;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's figures about its people and structure. */
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
public class AnalyticsResource {

    private final Tenant tenant;
    private final Analytics analytics;

    public AnalyticsResource(Tenant tenant, Analytics analytics) {
        this.tenant = tenant;
        this.analytics = analytics;
    }

    /** {@code ?months=12}: how many months of headcount history, up to this one. */
    @GET
    @Cost(10) // one statement per figure, each over every member or department
    @Operation(
            summary = "The organization's figures (members:read), computed in SQL from its current data",
            description = "Members by status and role (active members), by department and team (the 50 largest); "
                    + "headcount at the end of each month, this month up to now, from membership history "
                    + "(recorded since this version: earlier departures are not known); members who acted in "
                    + "the organization in the last 30 days; departments without a head and teams without a "
                    + "lead (how many, and the first 50 by name).")
    @Parameter(
            name = "months",
            in = ParameterIn.QUERY,
            description = "Months of headcount history, this one included",
            schema = @Schema(type = SchemaType.INTEGER))
    @APIResponse(
            responseCode = "200",
            description = "The figures",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Analytics")))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Report report(@QueryParam("months") String months) {
        int count = QueryInts.parse("months", months, 12, 1, Analytics.MAX_MONTHS);
        return analytics.report(tenant, count);
    }
}
