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

/** The organization's figures about its people and structure. */
@Produces(MediaType.APPLICATION_JSON)
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
    public Report report(@QueryParam("months") String months) {
        int count = QueryInts.parse("months", months, 12, 1, Analytics.MAX_MONTHS);
        return analytics.report(tenant, count);
    }
}
