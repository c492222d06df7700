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

    @Transient
    private List<String> tags = List.of();

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
        return tags;
    }

    @Override
    public void attachTags(List<String> tags) {
        this.tags = List.copyOf(tags);
    }
}
