package io.orgbase.team;

import io.orgbase.persistence.Extensible;
import io.orgbase.persistence.JsonbConverter;
import io.orgbase.persistence.RecordKind;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.util.List;

/** A team of one organization; its name is unique there, whatever the case. */
@Entity
@Table(name = "team")
@NamedQuery(name = "Team.byName", query = "select t from Team t where lower(t.name) = :name")
public class Team extends TenantOwnedEntity implements Extensible {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "settings", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String settings = "{}";

    @Column(name = "custom_fields", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String customFields = "{}";

    @Transient
    private List<String> tags = List.of();

    protected Team() {}

    public Team(String name) {
        this.name = name;
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

    /** A client's free-form JSON object. */
    public String getSettings() {
        return settings;
    }

    public void setSettings(String settings) {
        this.settings = settings;
    }

    @Override
    public RecordKind recordKind() {
        return RecordKind.TEAM;
    }

    @Override
    public String getCustomFields() {
        return customFields;
    }

    @Override
    public void setCustomFields(String customFields) {
        this.customFields = customFields;
    }

    @Override
    public List<String> getTags() {
        return tags;
    }

    @Override
    public void attachTags(List<String> tags) {
        this.tags = List.copyOf(tags);
    }
}
