package io.orgbase.tenancy;

import io.orgbase.persistence.Extensible;
import io.orgbase.persistence.JsonbConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Transient;
import java.util.List;

/**
 * A tenant row with the organization's own custom fields (a {@code custom_fields} jsonb object)
 * and tags (tagging rows, attached by the boundary that loads the record).
 */
@MappedSuperclass
public abstract class ExtensibleEntity extends TenantOwnedEntity implements Extensible {

    @Column(name = "custom_fields", nullable = false)
    @Convert(converter = JsonbConverter.class)
    private String customFields = "{}";

    /** Null until attached: a record loaded from the database does not know its tags yet. */
    @Transient
    private List<String> tags;

    @Override
    public String getCustomFields() {
        return customFields;
    }

    @Override
    public void setCustomFields(String customFields) {
        this.customFields = customFields;
    }

    @Override
    public List<String> getTags() {
        return tags == null ? List.of() : tags;
    }

    @Override
    public boolean tagsAttached() {
        return tags != null;
    }

    @Override
    public void attachTags(List<String> tags) {
        this.tags = List.copyOf(tags);
    }
}
