package io.orgbase.department;

import io.orgbase.persistence.JsonbConverter;
import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.persistence.RecordKind;
import io.orgbase.persistence.TreeNode;
import io.orgbase.tenancy.ExtensibleEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A unit of an organization, in the organization's department tree ({@link TreeNode}). Code is
 * unique within the organization.
 */
@Entity
@Table(name = "department")
@NamedQuery(
        name = "Department.countMembers",
        query = "select count(m) from Membership m where m.orgId = :orgId and m.departmentId = :id")
public class Department extends ExtensibleEntity implements TreeNode {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "code", nullable = false)
    private String code;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID parentId;

    @Column(name = "description")
    private String description;

    @Column(name = "path", insertable = false, updatable = false)
    private String path;

    @Column(name = "depth", insertable = false, updatable = false)
    private Integer depth;

    @Column(name = "head_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID headId;

    @Column(name = "settings", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String settings = "{}";

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

    @Override
    public UUID getParentId() {
        return parentId;
    }

    @Override
    public void setParentId(UUID parentId) {
        this.parentId = parentId;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public int getDepth() {
        return depth == null ? 0 : depth;
    }

    public UUID getHeadId() {
        return headId;
    }

    public void setHeadId(UUID headId) {
        this.headId = headId;
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
        return RecordKind.DEPARTMENT;
    }
}
