package io.orgbase.persistence;

import io.orgbase.category.Category;
import io.orgbase.contact.Contact;
import io.orgbase.department.Department;
import io.orgbase.organization.Organization;
import io.orgbase.team.Team;
import java.util.Locale;

/**
 * The kinds of records that carry tags and custom fields, under the names the API and the database
 * use, each with its entity: a new extensible kind is declared here.
 */
public enum RecordKind implements Keyed {
    ORGANIZATION(Organization.class),
    DEPARTMENT(Department.class),
    TEAM(Team.class),
    CONTACT(Contact.class),
    CATEGORY(Category.class);

    private final Class<? extends Extensible> entity;

    RecordKind(Class<? extends Extensible> entity) {
        this.entity = entity;
    }

    /** The entity whose rows are records of this kind. */
    public Class<? extends Extensible> entity() {
        return entity;
    }

    /** The table its records are rows of. */
    public String table() {
        return entity.getAnnotation(jakarta.persistence.Table.class).name();
    }

    @Override
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind spelled {@code key}, or null. */
    public static RecordKind byKey(String key) {
        return Keyed.byKey(RecordKind.class, key);
    }
}
