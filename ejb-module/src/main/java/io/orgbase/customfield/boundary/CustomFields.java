package io.orgbase.customfield.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.RequiresPermission;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.customfield.CustomField;
import io.orgbase.extensible.ExtensibleRecords;
import io.orgbase.json.Jsonp;
import io.orgbase.persistence.Ids;
import io.orgbase.persistence.RecordKind;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.requests.Patch;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.persistence.config.QueryHints;

/**
 * The tenant's custom field definitions. Entity, key and type are fixed once created; deleting a
 * definition removes its values from every record of the organization.
 */
@Stateless
@Audited
@TenantScoped
public class CustomFields {

    /** Most definitions per kind of record in one organization. */
    public static final int MAX_PER_ENTITY = 100;

    /** Sorting and filtering definitions; by entity, position and key unless asked otherwise. */
    public static final CollectionSpec<CustomField> COLLECTION = CollectionSpec.of(CustomField.class)
            .sortable("entity", "entity", FieldType.STRING, false)
            .sortable("position", "position", FieldType.INTEGER, false)
            .sortable("key", "key", FieldType.STRING, true)
            .sortable("label", "label", FieldType.STRING, true)
            .filterable("type", "type", FieldType.STRING, false)
            .filterable("required", "required", FieldType.BOOLEAN, false)
            .defaultSort("entity", false)
            .defaultSort("position", false)
            .defaultSort("key", false)
            .build();

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    @Inject
    CollectionQueries collections;

    @Inject
    ExtensibleRecords records;

    /** The definitions of the kinds of records the caller may read (the others' fields are theirs alone). */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public Slice<CustomField> list(Tenant tenant, CollectionRequest request) {
        List<String> readable = readableKinds(tenant);
        return collections.page(
                COLLECTION, request, (cb, field) -> field.get("entity").in(readable));
    }

    /** @throws NotFound when the tenant has no such definition, or it is of a kind the caller may not read */
    @RequiresPermission(Permission.ORGANIZATION_READ)
    public CustomField get(Tenant tenant, UUID id) {
        CustomField field = require(id);
        if (!readableKinds(tenant).contains(field.getEntity())) {
            throw new NotFound("No such custom field.");
        }
        return field;
    }

    private static List<String> readableKinds(Tenant tenant) {
        return Arrays.stream(RecordKind.values())
                .filter(kind -> tenant.permits(Permission.toRead(kind)))
                .map(RecordKind::key)
                .toList();
    }

    /**
     * @throws InvalidInput when enum values are missing on an enum or sent for another type
     * @throws Conflict when the key is taken for this kind of record, or there are too many
     */
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public CustomField create(Tenant tenant, @Valid CustomFieldRequest request) {
        boolean isEnum = "enum".equals(request.type());
        List<String> values = request.enumValues() == null ? List.of() : distinct(request.enumValues());
        if (isEnum && values.isEmpty()) {
            throw InvalidInput.field("enumValues", "an enum field needs at least one value");
        }
        if (!isEnum && !values.isEmpty()) {
            throw InvalidInput.field("enumValues", "only enum fields have values");
        }
        // Two creates at the limit must not both pass: they queue here, then count.
        session.lock("custom_field:" + tenant.orgId());
        if (!em.createNamedQuery("CustomField.find", CustomField.class)
                .setParameter("entity", request.entity())
                .setParameter("key", request.key())
                .getResultList()
                .isEmpty()) {
            throw new Conflict(
                    "There is a " + request.entity() + " field with the key '" + request.key() + "' already.");
        }
        long existing = em.createNamedQuery("CustomField.count", Long.class)
                .setParameter("entity", request.entity())
                .getSingleResult();
        if (existing >= MAX_PER_ENTITY) {
            throw new Conflict("An organization has at most " + MAX_PER_ENTITY + " custom fields per kind of record.");
        }
        CustomField field = new CustomField(request.entity(), request.key(), request.type());
        field.setLabel(request.label().strip());
        field.setRequired(Boolean.TRUE.equals(request.required()));
        field.setEnumValues(array(values));
        field.setPosition(request.position() == null ? 0 : request.position());
        em.persist(field);
        em.flush();
        return field;
    }

    /**
     * Changes label, required, enum values or position (entity, key and type are fixed).
     *
     * @throws NotFound when the tenant has no such definition
     */
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public CustomField update(Tenant tenant, UUID id, @Valid Patch<CustomFieldRequest> patch) {
        CustomField field = require(id);
        patch.precondition().check(field);
        CustomFieldRequest values = patch.values();
        for (String fixed : List.of("entity", "key", "type")) {
            if (patch.has(fixed)) {
                throw InvalidInput.field(fixed, "cannot change; delete the field and define a new one");
            }
        }
        if (patch.has("enumValues")) {
            List<String> choices = values.enumValues() == null ? List.of() : distinct(values.enumValues());
            if ("enum".equals(field.getType()) == choices.isEmpty()) {
                throw InvalidInput.field(
                        "enumValues",
                        "enum".equals(field.getType())
                                ? "an enum field needs at least one value"
                                : "only enum fields have values");
            }
            field.setEnumValues(array(choices));
        }
        if (patch.has("label")) {
            field.setLabel(values.label().strip());
        }
        if (patch.has("required")) {
            field.setRequired(Boolean.TRUE.equals(values.required()));
        }
        if (patch.has("position")) {
            field.setPosition(values.position() == null ? 0 : values.position());
        }
        em.flush();
        return field;
    }

    /** Deletes the definition and takes its values off every record of the organization. */
    @RequiresPermission(Permission.ORGANIZATION_WRITE)
    public void delete(Tenant tenant, UUID id, Precondition precondition) {
        CustomField field = require(id);
        precondition.check(field);
        RecordKind kind = RecordKind.byKey(field.getEntity());
        // an organization's record is its own row (its id is the tenant); every other kind's rows carry org_id
        String sql = kind == RecordKind.ORGANIZATION
                ? "update organization set custom_fields = custom_fields - ?1 where id = ?2 and jsonb_exists(custom_fields, ?1)"
                        + " returning id"
                : "update " + kind.table() + " set custom_fields = custom_fields - ?1 where org_id = ?2"
                        + " and jsonb_exists(custom_fields, ?1) returning id";
        List<UUID> changed = ((List<?>) em.createNativeQuery(sql)
                        .setParameter(1, field.getKey())
                        .setParameter(2, tenant.orgId())
                        .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                        .getResultList())
                .stream().map(Ids::of).toList();
        // the records lost a value: each is a new version, and the change is on its audit trail
        records.touch(kind, changed, "custom-field-deleted", Map.of("field", field.getKey()));
        em.remove(field);
        em.flush();
    }

    private CustomField require(UUID id) {
        CustomField field = em.find(CustomField.class, id);
        if (field == null) {
            throw new NotFound("No such custom field.");
        }
        return field;
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(
                new LinkedHashSet<>(values.stream().map(String::strip).toList()));
    }

    private static String array(List<String> values) {
        JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
        values.forEach(array::add);
        return array.build().toString();
    }
}
