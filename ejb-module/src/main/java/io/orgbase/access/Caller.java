package io.orgbase.access;

import io.orgbase.problems.Forbidden;
import java.util.UUID;

/**
 * Who a boundary runs for: a signed-in user, or an API key. An API key has no user; it acts only
 * in {@code apiKey.orgId()} with {@code apiKey.role()}.
 */
public record Caller(UUID userId, String email, boolean platformAdmin, ApiKeyGrant apiKey, SignIn signIn) {

    /**
     * What an API key may do: act in one organization with one role, at most {@code
     * rateLimitPerMinute} requests a minute (null: the per-principal default).
     */
    public record ApiKeyGrant(UUID keyId, UUID orgId, RoleAssignment role, Integer rateLimitPerMinute) {}

    public static Caller user(UUID userId, String email, boolean platformAdmin) {
        return new Caller(userId, email, platformAdmin, null, new SignIn(null, null));
    }

    /** A user whose token says how and when they signed in. */
    public static Caller user(UUID userId, String email, boolean platformAdmin, SignIn signIn) {
        return new Caller(userId, email, platformAdmin, null, signIn);
    }

    public static Caller apiKey(ApiKeyGrant grant) {
        return new Caller(null, null, false, grant, null);
    }

    public boolean isApiKey() {
        return apiKey != null;
    }

    /**
     * For a rule that depends on the request (a field only they may change); a method only they
     * may call says so with {@link PlatformAdminOnly}.
     *
     * @param action what only they may do ("change the subscription"), for the refusal's message
     * @throws Forbidden unless a platform administrator calls (an API key never is one)
     */
    public void requirePlatformAdmin(String action) {
        if (!platformAdmin) {
            throw new Forbidden("Only platform administrators " + action + ".");
        }
    }

    /** A short description for logs and security events. */
    public String describe() {
        return isApiKey() ? "api-key " + apiKey.keyId() : email;
    }
}
