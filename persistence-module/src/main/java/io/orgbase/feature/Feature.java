package io.orgbase.feature;

import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A feature of the platform that can be switched per organization; on or off by default. */
@Entity
@Table(name = "feature")
@NamedQuery(name = "Feature.findByKey", query = "select f from Feature f where f.key = :key")
@NamedQuery(name = "Feature.all", query = "select f from Feature f order by f.key")
public class Feature extends BaseEntity {

    @Column(name = "key", nullable = false, updatable = false)
    private String key;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "enabled_by_default", nullable = false)
    private boolean enabledByDefault;

    protected Feature() {}

    public String getKey() {
        return key;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isEnabledByDefault() {
        return enabledByDefault;
    }

    public void setEnabledByDefault(boolean enabledByDefault) {
        this.enabledByDefault = enabledByDefault;
    }
}
