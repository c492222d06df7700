package io.orgbase.requests;

import io.orgbase.api.RequestBudget;
import io.orgbase.collections.CollectionRequest;
import jakarta.ws.rs.core.UriInfo;

/**
 * The query parameters every list endpoint understands, read by {@link CollectionQuery}; a search or
 * a count is charged to the caller's budget.
 */
public final class CollectionParams {

    /**
     * What a search ({@code q}) or a count ({@code count=true}) costs of the caller's budget beyond
     * the request itself: each may read every row of the collection rather than one index range.
     */
    public static final int SEARCH_COST = 4;

    public static final int COUNT_COST = 4;

    private CollectionParams() {}

    /** @throws io.orgbase.problems.InvalidInput for every malformed parameter */
    public static CollectionRequest from(UriInfo uri) {
        CollectionRequest request = CollectionQuery.parse(uri.getQueryParameters());
        charge(request);
        return request;
    }

    /** Charges what a search or a count costs beyond one request. */
    public static void charge(CollectionRequest request) {
        int extra = (request.query() == null || request.query().isBlank() ? 0 : SEARCH_COST)
                + (request.count() ? COUNT_COST : 0);
        if (extra > 0) {
            RequestBudget.current().chargeExpensive(extra);
        }
    }
}
