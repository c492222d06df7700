package io.orgbase.reference;

import io.orgbase.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One entry of the status vocabulary; entities with a status refer to it by its immutable slug. */
@Entity
@Table(name = "status")
@NamedQuery(name = "Status.findBySlug", query = "select s from Status s where s.slug = :slug")
public class Status extends BaseEntity {

    @Column(name = "slug", nullable = false, updatable = false)
    private String slug;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Column(name = "category", nullable = false)
    private String category;

    @Column(name = "colour")
    private String colour;

    protected Status() {}

    public Status(String slug, String name, String category) {
        this.slug = slug;
        this.name = name;
        this.category = category;
    }

    public String getSlug() {
        return slug;
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

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    /** A hex colour ({@code #rrggbb}) for showing the status. */
    public String getColour() {
        return colour;
    }

    public void setColour(String colour) {
        this.colour = colour;
    }
}
