package io.orgbase.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Renders errors the servlet container raises itself (an invalid bearer token rejected before any
 * resource runs, an unknown path outside the API) as problem documents, so clients see one error
 * format everywhere. Wired through the error pages in web.xml.
 */
@WebServlet("/_problem")
public class ProblemServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : 404;
        String detail = status == 401 ? "A valid bearer token is required." : null;
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"orgbase\"");
        }
        response.setStatus(status);
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Problems.json(status, Problems.kindOf(status), detail, null, null));
    }
}
