package io.orgbase.feature.control;

import io.orgbase.feature.Feature;
import io.orgbase.feature.FeatureOverride;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The effective feature flags of the current transaction's tenant: its override, else the default. */
@Dependent
public class FeatureFlags {

    /** A feature as it applies to the tenant. */
    public record Effective(Feature feature, boolean enabled, boolean overridden) {}

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    /** Every feature of the catalogue, by key. */
    public List<Effective> all() {
        Map<String, FeatureOverride> overrides = em.createNamedQuery("FeatureOverride.all", FeatureOverride.class)
                .getResultStream()
                .collect(Collectors.toMap(FeatureOverride::getFeatureKey, Function.identity()));
        return em.createNamedQuery("Feature.all", Feature.class)
                .getResultStream()
                .map(f -> {
                    FeatureOverride override = overrides.get(f.getKey());
                    return new Effective(
                            f, override == null ? f.isEnabledByDefault() : override.isEnabled(), override != null);
                })
                .toList();
    }

    /** Whether the feature is on for the tenant; a feature missing from the catalogue is off. */
    public boolean isEnabled(String key) {
        FeatureOverride override = em.createNamedQuery("FeatureOverride.find", FeatureOverride.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst()
                .orElse(null);
        if (override != null) {
            return override.isEnabled();
        }
        return em.createNamedQuery("Feature.findByKey", Feature.class)
                .setParameter("key", key)
                .getResultStream()
                .findFirst()
                .map(Feature::isEnabledByDefault)
                .orElse(false);
    }
}
