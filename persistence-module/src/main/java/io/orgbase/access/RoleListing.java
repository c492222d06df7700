package io.orgbase.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.persistence.annotations.ReadOnly;

/**
 * A role as the tenant's roles list shows it: a system role or one of the tenant's custom roles
 * (the view {@code role_listing}; the row policy of {@code org_role} keeps other tenants' out).
 */
@Entity
@ReadOnly
@Table(name = "role_listing")
public class RoleListing {

    @Id
    @Column(name = "role_key")
    private String key;

    @Column(name = "rank")
    private int rank;

    @Column(name = "name")
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "system")
    private boolean system;

    protected RoleListing() {}

    public String getKey() {
        return key;
    }

    /** 0-3 for the system roles, most powerful first; 4 for every custom role. */
    public int getRank() {
        return rank;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isSystem() {
        return system;
    }
}
