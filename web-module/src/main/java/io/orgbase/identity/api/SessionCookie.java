package io.orgbase.identity.api;

import io.orgbase.api.ClientAddress;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.Unauthenticated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browser sessions: the refresh token held in a cookie that script cannot read, for clients that
 * ask for it with {@code X-Orgbase-Session: cookie} (the admin console). The access token still
 * travels in the body and is kept in memory by the client.
 *
 * <p>The cookie is {@code HttpOnly}, {@code SameSite=Strict}, scoped to {@code /api/v1/auth/} (only
 * refresh and logout read it), and {@code Secure} whenever Orgbase is reached over HTTPS (the
 * request itself, a trusted proxy's {@code X-Forwarded-Proto}, or an https {@code
 * ORGBASE_PUBLIC_URL}). Cross-site request forgery is refused three times over: the browser does
 * not send a strict cookie with a cross-site request; cookie mode needs the custom header, which a
 * cross-site form cannot send and a cross-site script can only send after a CORS preflight that
 * Orgbase never grants; and a request the browser marks {@code Sec-Fetch-Site: cross-site} is
 * refused outright.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String HEADER = "X-Orgbase-Session";
    public static final String NAME = "orgbase_refresh";
    private static final String AUTH_PATH = "/api/v1/auth/";

    @Inject
    ClientAddress clientAddress;

    @Inject
    @ConfigProperty(name = "orgbase.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** Whether the client asked for a cookie session; any other value of the header is a 400. */
    public boolean requested(HttpServletRequest request) {
        String mode = request.getHeader(HEADER);
        if (mode == null) {
            return false;
        }
        if (!"cookie".equals(mode.strip().toLowerCase(Locale.ROOT))) {
            throw InvalidInput.field(HEADER, "must be \"cookie\", or absent for tokens in the body");
        }
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            throw new Unauthenticated("Cookie sessions are not available to other sites.");
        }
        return true;
    }

    /**
     * The refresh token the browser sent, or a 401 when it sent none, or more than one: a second
     * cookie of the name can only have been planted (by a sibling host of a shared parent domain,
     * or over plain HTTP), and the browser sends the planted one first when its path is longer.
     * Refusing both keeps an attacker's session from replacing the user's.
     */
    public String token(HttpServletRequest request) {
        // the raw headers, not getCookies(): containers differ on a repeated name (WildFly's keeps one)
        String found = null;
        java.util.Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            for (String pair : headers.nextElement().split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && NAME.equals(pair.substring(0, equals).strip())) {
                    if (found != null) {
                        throw new Unauthenticated("More than one session cookie: sign in again.");
                    }
                    found = pair.substring(equals + 1).strip();
                }
            }
        }
        if (found == null || found.isBlank()) {
            throw new Unauthenticated("No session: sign in again.");
        }
        return found;
    }

    /** The {@code Set-Cookie} value that hands the browser this refresh token. */
    public String issue(HttpServletRequest request, String refreshToken, long maxAgeSeconds) {
        return header(request, refreshToken, maxAgeSeconds);
    }

    /** The {@code Set-Cookie} value that makes the browser forget the session. */
    public String clear(HttpServletRequest request) {
        return header(request, "", 0);
    }

    private String header(HttpServletRequest request, String value, long maxAgeSeconds) {
        StringBuilder cookie = new StringBuilder(NAME)
                .append('=')
                .append(value)
                .append("; Max-Age=")
                .append(maxAgeSeconds)
                .append("; Path=")
                .append(request.getContextPath())
                .append(AUTH_PATH)
                .append("; HttpOnly; SameSite=Strict");
        if (secure(request)) {
            cookie.append("; Secure");
        }
        return cookie.toString();
    }

    private boolean secure(HttpServletRequest request) {
        if (request.isSecure() || publicUrl.strip().toLowerCase(Locale.ROOT).startsWith("https:")) {
            return true;
        }
        return clientAddress.isTrustedProxy(request.getRemoteAddr())
                && "https"
                        .equalsIgnoreCase(String.valueOf(request.getHeader("X-Forwarded-Proto"))
                                .strip());
    }
}
