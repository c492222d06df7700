package io.orgbase.customfield.api;

import io.orgbase.api.CollectionDoc;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's custom field definitions. */
@Tag(name = "custom-fields")
@CollectionDoc(
        item = "CustomField",
        request = "CustomFieldRequest",
        patch = "CustomFieldPatch",
        list =
                @Operation(
                        summary = "The organization's custom field definitions (organization:read)",
                        description =
                                "By entity, position and key unless sorted otherwise. Sortable and filterable by entity, "
                                        + "position, key, label; filterable by type and required. Searched by q in key and label."),
        create =
                @Operation(
                        summary =
                                "Define a custom field for one kind of record (organization:write; at most 100 per kind)"),
        bulk =
                @Operation(
                        summary = "Create, change and delete custom fields in one request (organization:write)",
                        description =
                                "Each operation runs exactly as its single-item endpoint would and gets that endpoint's "
                                        + "status and body (a problem document when it fails). With atomic true they share one "
                                        + "transaction: at the first failure everything is undone, the failed operation keeps its "
                                        + "own status and the others are 424; committed tells which happened. At most 100 "
                                        + "operations."),
        get = @Operation(summary = "A custom field definition"),
        update =
                @Operation(
                        summary = "Change label, required, enum values or position; entity, key and type are fixed "
                                + "(organization:write)"),
        delete =
                @Operation(
                        summary = "Delete the definition and remove its values from every record of the organization "
                                + "(organization:write)"))
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
