package io.orgbase.problems;

import io.orgbase.api.ClientAddress;
import io.orgbase.api.RateLimits;
import io.orgbase.api.RateLimits.Decision;
import io.orgbase.soap.SoapFaults.Version;
import io.orgbase.soap.SoapGuard;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Renders errors the servlet container raises itself (an invalid bearer token rejected before any
 * resource runs, an unknown path outside the API) as problem documents, so clients see one error
 * format everywhere. Wired through the error pages in web.xml.
 */
@WebServlet("/_problem")
public class ProblemServlet extends HttpServlet {

    @Inject
    RateLimits limits;

    @Inject
    ClientAddress clientAddress;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 404;
        String detail = status == 401 ? "A valid bearer token is required." : null;
        Integer retryAfter = null;
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"orgbase\"");
            // a refused token spends from its address's budget, like a request without a principal
            String address = clientAddress.of(request);
            if (!clientAddress.isTrustedProxy(address)) {
                Decision decision = limits.take(limits.addressBucket(address), limits.perAddress());
                if (!decision.allowed()) {
                    status = 429;
                    detail = "Too many requests without valid credentials from this address.";
                    response.setHeader("Retry-After", Long.toString(decision.resetSeconds()));
                    retryAfter = (int) Math.max(1, decision.resetSeconds());
                }
            }
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Version soap = uri instanceof String path
                ? SoapGuard.versionOf(path.substring(request.getContextPath().length()))
                : null;
        if (soap != null) {
            // a SOAP client reads faults, not problem documents (a bearer token MicroProfile JWT refused)
            if (status == 401) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"orgbase\", charset=\"UTF-8\"");
            }
            SoapGuard.refuse(
                    response,
                    soap,
                    new Diagnosis(
                            status,
                            Problems.kindOf(status),
                            detail == null ? Problems.title(status) + "." : detail,
                            List.of(),
                            retryAfter,
                            null));
            return;
        }
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problems.json(status, Problems.kindOf(status), detail, null, null));
    }
}
