package io.orgbase.feature.api;

import io.orgbase.feature.Feature;
import io.orgbase.feature.control.FeatureFlags.Effective;

/**
 * A feature: in the catalogue, {@code enabled} is its default; for an organization, what applies
 * there, with {@code overridden} telling whether that is the organization's own setting.
 */
public record FeatureView(
        String key, String name, String description, boolean enabledByDefault, Boolean enabled, Boolean overridden) {

    static FeatureView of(Feature f) {
        return new FeatureView(f.getKey(), f.getName(), f.getDescription(), f.isEnabledByDefault(), null, null);
    }

    static FeatureView of(Effective e) {
        Feature f = e.feature();
        return new FeatureView(
                f.getKey(), f.getName(), f.getDescription(), f.isEnabledByDefault(), e.enabled(), e.overridden());
    }
}
