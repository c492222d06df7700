package io.orgbase.feature;

import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An organization's own choice for one feature, in place of the platform default. */
@Entity
@Table(name = "organization_feature")
@NamedQuery(name = "FeatureOverride.all", query = "select o from FeatureOverride o")
@NamedQuery(name = "FeatureOverride.find", query = "select o from FeatureOverride o where o.featureKey = :key")
public class FeatureOverride extends TenantOwnedEntity {

    @Column(name = "feature_key", nullable = false, updatable = false)
    private String featureKey;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    protected FeatureOverride() {}

    public FeatureOverride(String featureKey, boolean enabled) {
        this.featureKey = featureKey;
        this.enabled = enabled;
    }

    public String getFeatureKey() {
        return featureKey;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
