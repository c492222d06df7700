package io.orgbase.notification.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.notification.control.NotificationTypes;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.persistence.config.QueryHints;

/**
 * A member's own choice of how each kind of notification reaches them in one organization: in the
 * app or not, and by email off, at once, or in a daily or weekly digest. Without a choice a type
 * follows the member's choice for every type ({@code *}), else the organization's default (its
 * {@code notifications.digest} setting); an organization whose {@code notifications.email} setting
 * is false sends no notification email whatever members choose.
 */
@Stateless
@Audited
public class NotificationPreferences {

    /** Email modes. */
    public static final Set<String> EMAIL_MODES = Set.of("off", "immediate", "daily", "weekly");

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    AuditTrail trail;

    /** How one type reaches the member, and where that comes from ({@code own}, {@code every}, {@code organization}). */
    public record Channel(boolean inApp, String email, String inAppFrom, String emailFrom) {}

    /** What the organization allows and defaults to, and every type's channel. */
    public record Preferences(boolean emailAllowed, String defaultEmail, Map<String, Channel> types) {}

    private record Row(Boolean inApp, String email) {}

    /** @throws Forbidden for an API key: preferences are a person's */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Preferences get(Tenant tenant) {
        requirePerson(tenant);
        return current(tenant);
    }

    /**
     * Changes the caller's choices: an object of types ({@code *} for all), each an object with
     * {@code inApp} (true, false) and/or {@code email} (off, immediate, daily, weekly); null returns
     * the choice to its default.
     *
     * @throws InvalidInput naming each unknown type or invalid value; nothing is changed then
     * @throws Forbidden for an API key
     */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Preferences update(Tenant tenant, JsonObject change) {
        requirePerson(tenant);
        List<FieldError> errors = new ArrayList<>();
        Map<String, Row> own = own(tenant);
        Map<String, Row> next = new LinkedHashMap<>(own);
        change.forEach((type, value) -> {
            if (!NotificationTypes.known(type)) {
                errors.add(new FieldError(
                        type,
                        "is not a notification type (types: *, " + String.join(", ", NotificationTypes.ORDERED.keySet())
                                + ")"));
                return;
            }
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError(type, "must be an object with inApp and/or email"));
                return;
            }
            Row row = next.getOrDefault(type, new Row(null, null));
            Boolean inApp = row.inApp();
            String email = row.email();
            for (Map.Entry<String, JsonValue> field : value.asJsonObject().entrySet()) {
                JsonValue v = field.getValue();
                switch (field.getKey()) {
                    case "inApp" -> {
                        if (v == JsonValue.NULL) {
                            inApp = null;
                        } else if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                            inApp = v == JsonValue.TRUE;
                        } else {
                            errors.add(new FieldError(type + ".inApp", "must be true, false or null"));
                        }
                    }
                    case "email" -> {
                        if (v == JsonValue.NULL) {
                            email = null;
                        } else if (v.getValueType() == JsonValue.ValueType.STRING
                                && EMAIL_MODES.contains(((jakarta.json.JsonString) v).getString())) {
                            email = ((jakarta.json.JsonString) v).getString();
                        } else {
                            errors.add(
                                    new FieldError(type + ".email", "must be off, immediate, daily, weekly or null"));
                        }
                    }
                    default -> errors.add(new FieldError(type + "." + field.getKey(), "is not a preference"));
                }
            }
            next.put(type, new Row(inApp, email));
        });
        if (!errors.isEmpty()) {
            throw new InvalidInput("Some preferences are not valid.", errors);
        }
        Map<String, Object> changed = new LinkedHashMap<>();
        next.forEach((type, row) -> {
            if (row.equals(own.get(type))) {
                return;
            }
            changed.put(type, row.inApp() + "/" + row.email());
            if (row.inApp() == null && row.email() == null) {
                em.createNativeQuery("delete from notification_preference where user_id = ?1 and org_id = ?2"
                                + " and type = ?3")
                        .setParameter(1, tenant.caller().userId())
                        .setParameter(2, tenant.orgId())
                        .setParameter(3, type)
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .executeUpdate();
            } else {
                em.createNativeQuery("insert into notification_preference (user_id, org_id, type, in_app, email)"
                                + " values (?1, ?2, ?3, ?4, ?5) on conflict (user_id, org_id, type) do update"
                                + " set in_app = excluded.in_app, email = excluded.email, updated_at = now()")
                        .setParameter(1, tenant.caller().userId())
                        .setParameter(2, tenant.orgId())
                        .setParameter(3, type)
                        .setParameter(4, row.inApp())
                        .setParameter(5, row.email())
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .executeUpdate();
            }
        });
        if (!changed.isEmpty()) {
            trail.record(
                    "notification-preferences-changed", "user", tenant.caller().userId(), changed);
        }
        return current(tenant);
    }

    private Preferences current(Tenant tenant) {
        Map<String, Row> own = own(tenant);
        Object[] settings = (Object[]) em.createNativeQuery("select coalesce(s.settings -> 'notifications' ->> 'email',"
                        + " 'true') <> 'false', orgbase_default_email_mode(coalesce(s.settings, '{}'::jsonb))"
                        + " from (select 1) one left join organization_settings s on s.org_id = ?1")
                .setParameter(1, tenant.orgId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getSingleResult();
        boolean allowed = Boolean.TRUE.equals(settings[0]);
        String fallback = (String) settings[1];
        Row every = own.getOrDefault(NotificationTypes.EVERY, new Row(null, null));
        Map<String, Channel> types = new LinkedHashMap<>();
        types.put(NotificationTypes.EVERY, channel(every, new Row(null, null), allowed, fallback));
        NotificationTypes.ORDERED
                .keySet()
                .forEach(type -> types.put(
                        type, channel(own.getOrDefault(type, new Row(null, null)), every, allowed, fallback)));
        return new Preferences(allowed, fallback, types);
    }

    private static Channel channel(Row own, Row every, boolean allowed, String fallback) {
        boolean inApp = own.inApp() != null ? own.inApp() : every.inApp() != null ? every.inApp() : true;
        String inAppFrom = own.inApp() != null ? "own" : every.inApp() != null ? "every" : "organization";
        String email = own.email() != null ? own.email() : every.email() != null ? every.email() : fallback;
        String emailFrom = own.email() != null ? "own" : every.email() != null ? "every" : "organization";
        if (!allowed) {
            email = "off";
            emailFrom = "organization";
        }
        return new Channel(inApp, email, inAppFrom, emailFrom);
    }

    private Map<String, Row> own(Tenant tenant) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select type, in_app, email from notification_preference where user_id = ?1 and org_id = ?2")
                .setParameter(1, tenant.caller().userId())
                .setParameter(2, tenant.orgId())
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        Map<String, Row> result = new HashMap<>();
        rows.forEach(row -> result.put((String) row[0], new Row((Boolean) row[1], (String) row[2])));
        return result;
    }

    private static void requirePerson(Tenant tenant) {
        if (tenant.caller().isApiKey()) {
            throw new Forbidden("Notification preferences belong to people; an API key has none.");
        }
    }
}
