package io.orgbase.customfield.api;

import io.orgbase.api.CollectionResource;
import io.orgbase.api.Tagged;
import io.orgbase.customfield.CustomField;
import io.orgbase.customfield.boundary.CustomFieldRequest;
import io.orgbase.customfield.boundary.CustomFields;
import io.orgbase.json.Jsonp;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
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
        super(UUIDS, CustomFieldView::of, CustomField::getId);
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
    protected Calls<Tenant, UUID, CustomField, CustomFieldRequest> calls() {
        return new Calls<>(tenant, fields::list, fields::get, fields::create, fields::update, fields::delete);
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
}
