package io.orgbase.customfield;

import io.orgbase.persistence.JsonbConverter;
import io.orgbase.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One custom field of one kind of record. Its entity, key and type never change (values already
 * stored keep their meaning); label, required, enum values and position do.
 */
@Entity
@Table(name = "custom_field")
@NamedQuery(
        name = "CustomField.ofEntity",
        query = "select f from CustomField f where f.entity = :entity order by f.position, f.key")
@NamedQuery(name = "CustomField.find", query = "select f from CustomField f where f.entity = :entity and f.key = :key")
@NamedQuery(name = "CustomField.count", query = "select count(f) from CustomField f where f.entity = :entity")
public class CustomField extends TenantOwnedEntity {

    @Column(name = "entity", nullable = false, updatable = false)
    private String entity;

    @Column(name = "key", nullable = false, updatable = false)
    private String key;

    @Column(name = "label", nullable = false)
    private String label;

    @Column(name = "type", nullable = false, updatable = false)
    private String type;

    @Column(name = "required", nullable = false)
    private boolean required;

    /** A JSON array of the allowed strings, for type enum; [] otherwise. */
    @Column(name = "enum_values", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String enumValues = "[]";

    @Column(name = "position", nullable = false)
    private int position;

    protected CustomField() {}

    public CustomField(String entity, String key, String type) {
        this.entity = entity;
        this.key = key;
        this.type = type;
    }

    public String getEntity() {
        return entity;
    }

    public String getKey() {
        return key;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getType() {
        return type;
    }

    public boolean isRequired() {
        return required;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }

    public String getEnumValues() {
        return enumValues;
    }

    public void setEnumValues(String enumValues) {
        this.enumValues = enumValues;
    }

    public int getPosition() {
        return position;
    }

    public void setPosition(int position) {
        this.position = position;
    }
}
