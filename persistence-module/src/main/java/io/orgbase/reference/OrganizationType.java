package io.orgbase.reference;

import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** What kind of organization a tenant is; {@code key} is how the API names it and never changes. */
@Entity
@Table(name = "organization_type")
@NamedQuery(name = "OrganizationType.findByKey", query = "select t from OrganizationType t where t.key = :key")
@NamedQuery(name = "OrganizationType.countUses", query = "select count(o) from Organization o where o.type = :key")
public class OrganizationType extends BaseEntity {

    @Column(name = "key", nullable = false, updatable = false)
    private String key;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    protected OrganizationType() {}

    public OrganizationType(String key, String name) {
        this.key = key;
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** Inactive types stay on the organizations that have them but are not given to new ones. */
    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
