package io.orgbase.api;

import io.orgbase.access.Caller;
import io.orgbase.access.Caller.ApiKeyGrant;
import io.orgbase.access.SignIn;
import io.orgbase.identity.control.TokenIssuer;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.Unauthenticated;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling in the current request: the user of the verified access token, or an API key.
 * Request-scoped, made by {@link RequestScopes}.
 */
public class Callers {

    /**
     * Request attribute under which the authentication filter leaves the checked {@code X-API-Key}
     * (JAX-RS request properties are servlet request attributes).
     */
    public static final String API_KEY_ATTRIBUTE = "io.orgbase.apiKey";

    /** What a request that needs a caller and has none is told. */
    static final String SIGN_IN = "Sign in: send an access token as 'Authorization: Bearer <token>'.";

    private final HttpServletRequest request;

    private final VerifiedTokens tokens;

    /** Worked out once per request. */
    private Caller known;

    /** Request-scoped, made by {@link RequestScopes} for the current request. */
    Callers(HttpServletRequest request, VerifiedTokens tokens) {
        this.request = request;
        this.tokens = tokens;
    }

    /** For the container's proxy only. */
    protected Callers() {
        this.request = null;
        this.tokens = null;
    }

    /** The caller, user or API key. @throws Unauthenticated when the request carries neither */
    public Caller current() {
        if (known == null) {
            known = identify();
        }
        return known;
    }

    /** When the caller's access token expires (null for an API key): a live stream ends there. */
    public java.time.Instant tokenExpiry() {
        if (request.getUserPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0) {
            return java.time.Instant.ofEpochSecond(token.getExpirationTime());
        }
        return null;
    }

    private Caller identify() {
        if (request.getAttribute(API_KEY_ATTRIBUTE) instanceof ApiKeyGrant apiKey) {
            return Caller.apiKey(apiKey);
        }
        // The verified token is the container's caller principal. Read it there: the injectable
        // JsonWebToken is a proxy that looks the token up through JNDI on every method call (5% of
        // the server's CPU in the read-path benchmark's profile).
        if (request.getUserPrincipal() instanceof JsonWebToken token) {
            return tokens.callerOf(token);
        }
        throw new Unauthenticated(SIGN_IN);
    }

    /**
     * The user a verified token names, from its claims.
     *
     * @throws Unauthenticated when it names none
     */
    static Caller of(JsonWebToken token) {
        String subject = token.getSubject();
        if (subject == null) {
            throw new Unauthenticated(SIGN_IN);
        }
        try {
            Set<String> groups = token.getGroups();
            return Caller.user(
                    UUID.fromString(subject),
                    token.getName(),
                    groups != null && groups.contains(TokenIssuer.PLATFORM_ADMIN_GROUP),
                    signIn(token));
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated("The access token does not name an Orgbase user.");
        }
    }

    /** The token's {@code auth_time} and {@code amr}; what it lacks stays unknown. */
    private static SignIn signIn(JsonWebToken token) {
        Object at = token.getClaim("auth_time");
        Instant when = at instanceof Number seconds
                ? Instant.ofEpochSecond(seconds.longValue())
                : at instanceof JsonNumber number ? Instant.ofEpochSecond(number.longValue()) : null;
        Object amr = token.getClaim("amr");
        List<String> methods = new ArrayList<>();
        if (amr instanceof JsonArray array) {
            array.forEach(v -> {
                if (v instanceof JsonString text) {
                    methods.add(text.getString());
                }
            });
        } else if (amr instanceof Collection<?> values) {
            values.forEach(v -> methods.add(String.valueOf(v)));
        }
        return new SignIn(when, methods);
    }

    /**
     * The calling user, for endpoints outside any one organization.
     *
     * @throws Forbidden for an API key, which acts only inside its organization
     */
    public Caller currentUser() {
        Caller caller = current();
        if (caller.isApiKey()) {
            throw new Forbidden("API keys act only inside their organization (/api/v1/orgs/{org}/...).");
        }
        return caller;
    }
}
