package io.orgbase.notification.control;

import java.util.LinkedHashMap;
import java.util.Map;

/** The kinds of notification Orgbase sends, which preferences name; {@code *} stands for all. */
public final class NotificationTypes {

    /** Every type without a preference of its own. */
    public static final String EVERY = "*";

    /** Type → what it tells. */
    public static final Map<String, String> ALL;

    /** The same, in a stable order. */
    public static final Map<String, String> ORDERED;

    static {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("announcement", "An announcement to you");
        types.put("member.added", "You were added to the organization");
        types.put("member.removed", "You were removed from the organization");
        types.put("member.role-changed", "Your role changed");
        types.put("member.suspended", "Your membership was suspended");
        types.put("member.reactivated", "Your membership was reactivated");
        types.put("invitation.accepted", "Someone accepted your invitation");
        types.put("api-key.created", "An API key was created (owners and admins)");
        types.put("api-key.revoked", "An API key was revoked (owners and admins)");
        types.put("organization.status-changed", "The organization was suspended, archived or reactivated");
        types.put("data-job.completed", "An import or export you started finished");
        types.put("data-job.failed", "An import or export you started failed");
        ALL = Map.copyOf(types);
        ORDERED = java.util.Collections.unmodifiableMap(types);
    }

    private NotificationTypes() {}

    public static boolean known(String type) {
        return EVERY.equals(type) || ALL.containsKey(type);
    }
}
