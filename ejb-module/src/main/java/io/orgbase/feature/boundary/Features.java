package io.orgbase.feature.boundary;

import io.orgbase.access.AuthenticatedOnly;
import io.orgbase.access.Caller;
import io.orgbase.access.Permission;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.feature.Feature;
import io.orgbase.feature.FeatureOverride;
import io.orgbase.feature.control.FeatureFlags;
import io.orgbase.feature.control.FeatureFlags.Effective;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.NotFound;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Feature flags: the platform's defaults and each organization's overrides. */
@Stateless
@Audited
public class Features {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    FeatureFlags flags;

    /** The catalogue with its defaults. */
    @AuthenticatedOnly
    public List<Feature> catalogue(Caller caller) {
        return em.createNamedQuery("Feature.all", Feature.class).getResultList();
    }

    /**
     * Changes a feature's default for every organization without an override of its own.
     *
     * @throws Forbidden unless a platform administrator asks
     * @throws NotFound when the catalogue has no such feature
     */
    @PlatformAdminOnly("switch features")
    public Feature setDefault(Caller caller, String key, boolean enabled) {
        Feature feature = find(key);
        feature.setEnabledByDefault(enabled);
        em.flush();
        return feature;
    }

    /** What is on and off for the organization, and whether that is its own choice or the default. */
    @TenantScoped
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public List<Effective> effective(Tenant tenant) {
        return flags.all();
    }

    /**
     * Switches a feature on or off for the organization, or back to the platform default ({@code
     * enabled} null).
     *
     * @throws Forbidden unless a platform administrator asks
     * @throws NotFound when the catalogue has no such feature
     */
    @TenantScoped
    @PlatformAdminOnly("switch features")
    public Effective override(Tenant tenant, String key, Boolean enabled) {
        Feature feature = find(key);
        FeatureOverride override = em.createNamedQuery("FeatureOverride.find", FeatureOverride.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (enabled == null) {
            if (override != null) {
                em.remove(override);
            }
        } else if (override == null) {
            em.persist(new FeatureOverride(key, enabled));
        } else {
            override.setEnabled(enabled);
        }
        em.flush();
        return new Effective(feature, enabled == null ? feature.isEnabledByDefault() : enabled, enabled != null);
    }

    private Feature find(String key) {
        return em.createNamedQuery("Feature.findByKey", Feature.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFound("No such feature."));
    }
}
