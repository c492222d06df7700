package io.orgbase.api;

import io.orgbase.access.Caller;
import io.orgbase.api.RateLimits.Decision;
import io.orgbase.problems.TooManyRequests;
import io.orgbase.problems.Unauthenticated;
import jakarta.enterprise.inject.spi.CDI;

/**
 * The rate-limit budget the current request was charged to ({@code RateLimitFilter} charged its
 * {@link Cost}). A request that does the work of many — a bulk request of n operations, a search or
 * count over a collection — charges the rest before it runs any, so that one request cannot buy a
 * hundred operations, or a scan of a million rows, for the price of one. Request-scoped, made by
 * {@link RequestScopes}.
 */
public class RequestBudget {

    private final RateLimits limits;

    private final Callers callers;

    private final ClientAddress clientAddress;

    private String bucket;
    private int limit;
    private Decision last;
    private Object expensive;

    /** Request-scoped, made by {@link RequestScopes} for the current request. */
    RequestBudget(RateLimits limits, Callers callers, ClientAddress clientAddress) {
        this.limits = limits;
        this.callers = callers;
        this.clientAddress = clientAddress;
    }

    /** For the container's proxy only. */
    protected RequestBudget() {
        this(null, null, null);
    }

    /** The current request's budget (outside a request, charging it does nothing). */
    public static RequestBudget current() {
        return CDI.current().select(RequestBudget.class).get();
    }

    /**
     * Spends one request (or {@code cost}) of the caller's budget: the principal's when signed in (per
     * user or API key, whatever address it comes from, so a corporate NAT is not one budget), else the
     * client address's. Called once per request, by REST's and SOAP's filters.
     *
     * @param address the client's address ({@link ClientAddress}): an anonymous request spends its budget
     * @return where the budget stands (not allowed: refuse the request), or null when nothing is
     *     counted (the trusted load balancer itself)
     */
    public Decision open(String address, int cost) {
        Caller caller;
        try {
            caller = callers.current();
        } catch (Unauthenticated anonymous) {
            if (clientAddress.isTrustedProxy(address)) {
                return null; // the load balancer itself (its health checks), not a client
            }
            return open(limits.addressBucket(address), limits.perAddress(), cost);
        }
        if (caller.isApiKey()) {
            Integer own = caller.apiKey().rateLimitPerMinute();
            // a key's own budget only ever lowers the operator's (older keys may ask for more)
            int limit = own != null && (limits.perPrincipal() <= 0 || own < limits.perPrincipal())
                    ? own
                    : limits.perPrincipal();
            return open("api-key:" + caller.apiKey().keyId(), limit, cost);
        }
        return open("user:" + caller.userId(), limits.perPrincipal(), cost);
    }

    private Decision open(String bucket, int limit, int cost) {
        Decision decision = limits.take(bucket, limit, 1);
        chargedTo(bucket, limit, decision);
        if (decision.allowed() && cost > 1) {
            chargeExpensive(cost - 1);
            return standing();
        }
        return decision;
    }

    /** The refusal of a request past its budget: what REST answers as a 429 and SOAP as a rateLimited fault. */
    public static TooManyRequests refusal(Decision decision) {
        return new TooManyRequests(
                "Too many requests; the budget of " + decision.limit() + " a minute renews in "
                        + decision.resetSeconds() + " s.",
                decision.resetSeconds());
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
    public void finish() {
        if (expensive != null) {
            limits.finishExpensive(bucket, expensive);
            expensive = null;
        }
    }

    /** Where the budget stands after the request's charges (null when nothing was charged). */
    public Decision standing() {
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
