package io.orgbase.customfield.api;

import io.orgbase.api.CollectionResource;
import io.orgbase.api.Tagged;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.customfield.CustomField;
import io.orgbase.customfield.boundary.CustomFieldRequest;
import io.orgbase.customfield.boundary.CustomFields;
import io.orgbase.json.Jsonp;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.Tenant;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The organization's custom field definitions. */
public class CustomFieldsResource
        extends CollectionResource<UUID, CustomField, CustomFieldRequest, CustomFieldsResource.CustomFieldView> {

    private final Tenant tenant;
    private final CustomFields fields;

    public CustomFieldsResource(Tenant tenant, CustomFields fields) {
        super(UUIDS);
        this.tenant = tenant;
        this.fields = fields;
    }

    public record CustomFieldView(
            UUID id,
            String entity,
            String key,
            String label,
            String type,
            boolean required,
            JsonArray enumValues,
            int position,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static CustomFieldView of(CustomField f) {
            JsonArray values;
            try (var reader = Jsonp.PROVIDER.createReader(new StringReader(f.getEnumValues()))) {
                values = reader.readArray();
            }
            return new CustomFieldView(
                    f.getId(),
                    f.getEntity(),
                    f.getKey(),
                    f.getLabel(),
                    f.getType(),
                    f.isRequired(),
                    values,
                    f.getPosition(),
                    f.getCreatedAt(),
                    f.getUpdatedAt(),
                    f.getVersion());
        }
    }

    @Override
    protected Slice<CustomField> page(CollectionRequest request) {
        return fields.list(tenant, request);
    }

    @Override
    protected CustomField find(UUID id) {
        return fields.get(tenant, id);
    }

    @Override
    protected CustomField add(CustomFieldRequest request) {
        return fields.create(tenant, request);
    }

    /** Changes label, required, enum values or position; entity, key and type are fixed. */
    @Override
    protected CustomField change(UUID id, Patch<CustomFieldRequest> patch) {
        return fields.update(tenant, id, patch);
    }

    /** Deletes the definition and its values on every record. */
    @Override
    protected void remove(UUID id, Precondition precondition) {
        fields.delete(tenant, id, precondition);
    }

    @Override
    protected CustomFieldRequest read(JsonBody json, Write write) {
        return new CustomFieldRequest(
                json.string("entity", write.identity()),
                json.string("key", write.identity()),
                json.string("label", write.identity()),
                json.string("type", write.identity()),
                json.bool("required", Need.OPTIONAL),
                json.strings("enumValues", write.clearable(), 100),
                json.integer("position", Need.OPTIONAL));
    }

    @Override
    protected CustomFieldView view(CustomField field) {
        return CustomFieldView.of(field);
    }

    @Override
    protected UUID idOf(CustomField field) {
        return field.getId();
    }
}
