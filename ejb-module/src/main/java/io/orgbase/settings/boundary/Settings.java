package io.orgbase.settings.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.json.Jsonp;
import io.orgbase.organization.Organization;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.Precondition;
import io.orgbase.settings.OrganizationSettings;
import io.orgbase.settings.control.SettingsSchema;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The organization's settings: general, branding, domains, notifications and subscription. Every
 * key has a default; an organization stores only what it changed.
 */
@Stateless
@Audited
@TenantScoped
public class Settings {

    /** Every setting with its effective value, and the version of the stored document (0 before any change). */
    public record Current(JsonObject settings, long version) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Current get(Tenant tenant) {
        OrganizationSettings stored = stored();
        return stored == null
                ? new Current(SettingsSchema.effective(JsonObject.EMPTY_JSON_OBJECT), 0)
                : current(stored);
    }

    /**
     * Applies a change: groups of keys; a value sets a key, null returns it to its default. The
     * subscription group is the platform administrators'.
     *
     * @throws InvalidInput naming every unknown or invalid {@code group.key}
     * @throws Forbidden when someone else than a platform administrator changes the subscription
     */
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public Current update(Tenant tenant, JsonObject change, Precondition precondition) {
        if (change.containsKey(SettingsSchema.SUBSCRIPTION)) {
            tenant.caller().requirePlatformAdmin("change the subscription");
        }
        if (change.containsKey(SettingsSchema.SECURITY) && !tenant.actsAsOwner()) {
            throw new Forbidden("Only owners change how members must sign in (the security settings).");
        }
        if (change.containsKey(SettingsSchema.SECURITY)
                && change.get(SettingsSchema.SECURITY) instanceof JsonObject security
                && security.get("requireTwoFactor") == JsonValue.TRUE
                && !tenant.caller().signIn().multiFactor()) {
            throw new Conflict("Sign in with a second factor yourself before requiring it of every member:"
                    + " otherwise this request would lock you out.");
        }
        OrganizationSettings stored = stored();
        if (stored == null) {
            stored = new OrganizationSettings();
            em.persist(stored);
        }
        precondition.check(stored);
        List<FieldError> errors = new ArrayList<>();
        JsonObject next = SettingsSchema.apply(parse(stored.getSettings()), change, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        stored.setSettings(next.toString());
        if (change.containsKey(SettingsSchema.SECURITY)) {
            // Tenant resolution reads the policy from the organization row it loads anyway.
            JsonObject security = SettingsSchema.effective(next).getJsonObject(SettingsSchema.SECURITY);
            JsonValue hours = security.get("maxSessionHours");
            em.find(Organization.class, tenant.orgId())
                    .setSignInPolicy(
                            security.getBoolean("requireTwoFactor"),
                            hours instanceof JsonNumber number ? number.intValue() : null);
        }
        em.flush();
        return current(stored);
    }

    private OrganizationSettings stored() {
        return em.createNamedQuery("OrganizationSettings.current", OrganizationSettings.class)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private static Current current(OrganizationSettings stored) {
        return new Current(SettingsSchema.effective(parse(stored.getSettings())), stored.getVersion());
    }

    private static JsonObject parse(String json) {
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
