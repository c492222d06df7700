package io.orgbase.department;

import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/** A unit of an organization. Code is unique within the organization. */
@Entity
@Table(name = "department")
@NamedQuery(name = "Department.countChildren", query = "select count(d) from Department d where d.parentId = :id")
public class Department extends TenantOwnedEntity {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "code", nullable = false)
    private String code;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID parentId;

    @Column(name = "description")
    private String description;

    protected Department() {}

    public Department(String name, String code) {
        this.name = name;
        this.code = code;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public UUID getParentId() {
        return parentId;
    }

    public void setParentId(UUID parentId) {
        this.parentId = parentId;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
