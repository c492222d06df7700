package io.orgbase.settings;

import io.orgbase.persistence.JsonbConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The settings an organization changed from the defaults, as a JSON object (group → key → value). */
@Entity
@Table(name = "organization_settings")
@NamedQuery(name = "OrganizationSettings.current", query = "select s from OrganizationSettings s")
public class OrganizationSettings extends TenantOwnedEntity {

    @Column(name = "settings", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String settings = "{}";

    public OrganizationSettings() {}

    public String getSettings() {
        return settings;
    }

    public void setSettings(String settings) {
        this.settings = settings;
    }
}
