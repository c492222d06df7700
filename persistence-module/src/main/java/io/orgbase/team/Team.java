package io.orgbase.team;

import io.orgbase.persistence.JsonbConverter;
import io.orgbase.persistence.RecordKind;
import io.orgbase.tenancy.ExtensibleEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A team of one organization; its name is unique there, whatever the case. */
@Entity
@Table(name = "team")
@NamedQuery(name = "Team.byName", query = "select t from Team t where t.nameKey = :name")
public class Team extends ExtensibleEntity {

    @Column(name = "name", nullable = false)
    private String name;

    /** lower(name), kept by the schema: compared by plain equality, so its index serves under the row policies. */
    @Column(name = "name_key", insertable = false, updatable = false)
    private String nameKey;

    @Column(name = "description")
    private String description;

    @Column(name = "settings", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String settings = "{}";

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
}
