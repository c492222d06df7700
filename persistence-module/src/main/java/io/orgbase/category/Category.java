package io.orgbase.category;

import io.orgbase.persistence.NullableUuidConverter;
import io.orgbase.persistence.RecordKind;
import io.orgbase.persistence.TreeNode;
import io.orgbase.tenancy.ExtensibleEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A category in the organization's category tree ({@link TreeNode}); its slug is unique there. */
@Entity
@Table(name = "category")
public class Category extends ExtensibleEntity implements TreeNode {

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "slug", nullable = false)
    private String slug;

    @Column(name = "category_type", nullable = false)
    private String type;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID parentId;

    @Column(name = "description")
    private String description;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @Column(name = "path", insertable = false, updatable = false)
    private String path;

    @Column(name = "depth", insertable = false, updatable = false)
    private Integer depth;

    protected Category() {}

    public Category(String name, String slug, CategoryType type) {
        this.name = name;
        this.slug = slug;
        this.type = type.key();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSlug() {
        return slug;
    }

    public void setSlug(String slug) {
        this.slug = slug;
    }

    public CategoryType getType() {
        return CategoryType.byKey(type);
    }

    public void setType(CategoryType type) {
        this.type = type.key();
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

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public int getDepth() {
        return depth == null ? 0 : depth;
    }

    @Override
    public RecordKind recordKind() {
        return RecordKind.CATEGORY;
    }
}
