package io.orgbase.api;

import io.orgbase.api.RateLimits.Decision;
import io.orgbase.problems.TooManyRequests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

/**
 * The rate-limit budget the current request was charged to ({@code RateLimitFilter} charged its
 * {@link Cost}). A request that does the work of many — a bulk request of n operations, a search or
 * count over a collection — charges the rest before it runs any, so that one request cannot buy a
 * hundred operations, or a scan of a million rows, for the price of one.
 */
@RequestScoped
public class RequestBudget {

    @Inject
    RateLimits limits;

    private String bucket;
    private int limit;
    private Decision last;
    private Object expensive;

    /** The current request's budget (outside a request, charging it does nothing). */
    public static RequestBudget current() {
        return CDI.current().select(RequestBudget.class).get();
    }

    void chargedTo(String bucket, int limit, Decision decision) {
        this.bucket = bucket;
        this.limit = limit;
        this.last = decision;
    }

    /**
     * Charges an expensive read ({@code units} more requests) and holds one of the principal's
     * places for expensive reads until the answer is sent ({@link #finish}).
     *
     * @throws TooManyRequests when the budget does not cover it, or the principal's places are taken
     */
    public void chargeExpensive(int units) {
        charge(units);
        if (bucket == null || expensive != null) {
            return;
        }
        expensive = limits.startExpensive(bucket);
        if (expensive == null) {
            throw new TooManyRequests(
                    "Your earlier searches, counts or reports are still running; send this one when they are done.", 1);
        }
    }

    /** The answer is out: gives back the place an expensive read held. */
    void finish() {
        if (expensive != null) {
            limits.finishExpensive(bucket, expensive);
            expensive = null;
        }
    }

    /** Where the budget stands after the request's charges (null when nothing was charged). */
    Decision standing() {
        return last;
    }

    /**
     * Charges {@code units} more requests.
     *
     * @throws TooManyRequests when the budget does not cover them (nothing has run yet)
     */
    public void charge(int units) {
        if (bucket == null || units <= 0) {
            return;
        }
        Decision decision = limits.take(bucket, limit, units);
        last = decision;
        if (!decision.allowed()) {
            throw new TooManyRequests(
                    "Too many requests: this one counts " + (units + 1) + " against the budget of " + limit
                            + " a minute, which renews in " + decision.resetSeconds() + " s.",
                    decision.resetSeconds());
        }
    }
}
