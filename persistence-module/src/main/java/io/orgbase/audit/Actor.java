package io.orgbase.audit;

import java.util.UUID;

/**
 * Who made a change: a user, an API key, the system itself, or an anonymous caller (a failed
 * sign-in, an invitation being redeemed).
 */
public record Actor(Kind kind, UUID id, String label) {

    public enum Kind {
        USER,
        API_KEY,
        SYSTEM,
        ANONYMOUS;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null, "system");
    public static final Actor ANONYMOUS = new Actor(Kind.ANONYMOUS, null, "anonymous");

    public static Actor user(UUID id, String email) {
        return new Actor(Kind.USER, id, email);
    }

    public static Actor apiKey(UUID id) {
        return new Actor(Kind.API_KEY, id, "api-key " + id);
    }
}
