package io.orgbase.department;

import io.orgbase.persistence.JsonbConverter;
import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.persistence.RecordKind;
import io.orgbase.tenancy.ExtensibleEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A unit of an organization. Code is unique within the organization. The database keeps the
 * materialized {@code path} (the ids from the root down, 33 characters a level) and the depth from
 * {@code parentId}; they are read back, never written from here.
 */
@Entity
@Table(name = "department")
@NamedQuery(name = "Department.countChildren", query = "select count(d) from Department d where d.parentId = :id")
@NamedQuery(
        name = "Department.deepestBelow",
        query = "select max(d.depth) from Department d where d.path >= :from and d.path < :to")
@NamedQuery(
        name = "Department.countMembers",
        query = "select count(m) from Membership m where m.orgId = :orgId and m.departmentId = :id")
public class Department extends ExtensibleEntity {

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

    /** The ids from the root down to this department, 32 hex digits and a '/' each. */
    public String getPath() {
        return path;
    }

    /** 1 for a department at the top. */
    public int getDepth() {
        return depth == null ? 0 : depth;
    }

    /** The ids of the departments above, the top first. */
    public List<UUID> ancestorIds() {
        List<UUID> ids = new ArrayList<>();
        for (int at = 0; at + SEGMENT < path.length(); at += SEGMENT) {
            ids.add(fromHex(path.substring(at, at + 32)));
        }
        return ids;
    }

    /** The path prefix a subtree's paths start with, and the first text after all of them. */
    public String subtreeEnd() {
        return path + '~';
    }

    /** Characters a level takes in a path. */
    public static final int SEGMENT = 33;

    /** Most levels of a department tree (the longest path must fit a B-tree entry). */
    public static final int MAX_DEPTH = 64;

    private static UUID fromHex(String hex) {
        return new UUID(
                Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
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
