package io.orgbase.tag;

import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A tag of one organization. */
@Entity
@Table(name = "tag")
@NamedQuery(name = "Tag.byNames", query = "select t from Tag t where t.nameKey in :names")
public class Tag extends TenantOwnedEntity {

    @Column(name = "name", nullable = false)
    private String name;

    /** lower(name), kept by the schema: compared by plain equality, so its index serves under the row policies. */
    @Column(name = "name_key", insertable = false, updatable = false)
    private String nameKey;

    protected Tag() {}

    public Tag(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
