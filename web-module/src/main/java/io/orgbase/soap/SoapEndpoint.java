package io.orgbase.soap;

import io.orgbase.api.Callers;
import io.orgbase.api.RateLimits.Decision;
import io.orgbase.api.RequestBudget;
import io.orgbase.problems.PreconditionFailed;
import io.orgbase.soap.SoapFaults.Version;
import io.orgbase.tenancy.Tenant;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Supplier;

/**
 * What every SOAP endpoint shares: the tenant of a call, built as REST builds it (the caller the
 * guard or MicroProfile JWT identified, the organization as the request names it, resolved by the
 * first boundary call and unknown organizations, foreign ones included, answered as not found), and
 * every failure turned into the contract's fault for the endpoint's SOAP version.
 */
abstract class SoapEndpoint {

    @Inject
    Callers callers;

    @Inject
    RequestBudget budget;

    @Inject
    HttpServletRequest request;

    /** The SOAP version of the port this endpoint serves. */
    abstract Version version();

    Tenant tenant(String org) {
        return Tenant.of(callers.current(), SoapTypes.org(org));
    }

    /** Runs one operation; its failures are faults. */
    <T> T call(Supplier<T> operation) {
        return call(operation, null);
    }

    /**
     * @param currentVersion asked when a version precondition failed, for the conflict's {@code
     *     currentVersion} (may be null)
     */
    <T> T call(Supplier<T> operation, Supplier<Long> currentVersion) {
        if (!Boolean.TRUE.equals(request.getAttribute(SoapGuard.GUARDED))) {
            // a port reached by a path the guard does not cover: nothing runs unchecked
            throw SoapFaults.of(
                    new IllegalStateException("SOAP call without SoapGuard: " + request.getRequestURI()),
                    version(),
                    null);
        }
        Decision standing = budget.standing();
        if (standing != null && !standing.allowed()) {
            throw SoapFaults.of(RequestBudget.refusal(standing), version(), null);
        }
        try {
            return operation.get();
        } catch (RuntimeException failure) {
            Long current = null;
            if (currentVersion != null && failure instanceof PreconditionFailed) {
                try {
                    current = currentVersion.get();
                } catch (RuntimeException gone) {
                    // removed meanwhile: the conflict stands without a version
                }
            }
            throw SoapFaults.of(failure, version(), current);
        }
    }
}
