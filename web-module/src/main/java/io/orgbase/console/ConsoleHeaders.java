package io.orgbase.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers of the admin console ({@code /admin/}) and of the library files it loads ({@code
 * /_static/}, {@code /webjars/}; served from their jars by the container).
 *
 * <p>The console's pages run under a strict Content-Security-Policy: scripts and styles only from
 * Orgbase itself (no inline script, no inline style attributes; the console sets dynamic styles
 * through the CSSOM, which the policy allows), connections only to Orgbase, images from Orgbase
 * or {@code data:} URLs (the TOTP QR code) and any HTTPS address (an organization's logo is an
 * https URL of its choosing; the console puts only that address into an image, every other value
 * is text). The
 * console's own files are revalidated on every load ({@code no-cache}, so an upgrade shows at
 * once); library files carry their version in the path and are cached for a year.
 */
@WebFilter(urlPatterns = {"/admin", "/admin/*", "/_static/*", "/webjars/*"})
public class ConsoleHeaders extends HttpFilter {

    static final String POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: https:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the path as the container mapped it (decoded, path parameters dropped): the raw URI of
        // "/admin;x/" or "/%61dmin/" reaches the same files and must get the same headers
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals("/admin")) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", request.getContextPath() + "/admin/");
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (path.startsWith("/admin/")) {
            response.setHeader("Content-Security-Policy", POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        } else if (getServletContext().getResource(path) != null) {
            // a library file (its version is in the path); a miss must not be cached for a year
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        }
        chain.doFilter(request, response);
    }
}
