package io.orgbase.audit;

import io.orgbase.persistence.BaseEntity;
import java.lang.reflect.Field;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEvent;
import org.eclipse.persistence.descriptors.DescriptorEventAdapter;
import org.eclipse.persistence.internal.sessions.ObjectChangeSet;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.sessions.changesets.ChangeRecord;

/**
 * Records every insert, update and delete of an audited entity into the transaction's {@link
 * AuditBuffer}: a creation with its values, an update with the old and new value of each changed
 * field, a deletion with the values the row had. Bookkeeping fields (version, timestamps, who) are
 * left out; {@link Redacted} fields appear as changed, never with their values.
 */
public class ChangeCapture extends DescriptorEventAdapter {

    private static final Set<String> BOOKKEEPING =
            Set.of("id", "version", "createdAt", "updatedAt", "createdBy", "updatedBy");
    private static final Map<Class<?>, Set<String>> REDACTED = new ConcurrentHashMap<>();

    /** Whether changes of this entity class are recorded. */
    public static boolean audited(Class<?> type) {
        return BaseEntity.class.isAssignableFrom(type) && !type.isAnnotationPresent(NotAudited.class);
    }

    @Override
    public void postInsert(DescriptorEvent event) {
        record(event, "create", snapshot(event, "new"));
    }

    /**
     * Before the UPDATE statement, once EclipseLink knows the object changed: the one update event
     * that carries the change set (a failing statement rolls the entry back with everything else).
     */
    @Override
    public void preUpdateWithChanges(DescriptorEvent event) {
        ObjectChangeSet changeSet = event.getChangeSet();
        if (changeSet == null) {
            return;
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        for (ChangeRecord change : changeSet.getChanges()) {
            String field = change.getAttribute();
            if (BOOKKEEPING.contains(field)) {
                continue;
            }
            DatabaseMapping mapping = event.getDescriptor().getMappingForAttributeName(field);
            if (!recorded(mapping)) {
                continue;
            }
            Object now = mapping.getAttributeValueFromObject(event.getObject());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("old", value(event.getObject().getClass(), field, change.getOldValue()));
            values.put("new", value(event.getObject().getClass(), field, now));
            changes.put(field, values);
        }
        if (!changes.isEmpty()) {
            record(event, "update", changes);
        }
    }

    @Override
    public void postDelete(DescriptorEvent event) {
        record(event, "delete", snapshot(event, "old"));
    }

    private static void record(DescriptorEvent event, String action, Map<String, Object> changes) {
        Object entity = event.getObject();
        if (!(entity instanceof BaseEntity base) || !audited(entity.getClass())) {
            return;
        }
        AuditBuffer buffer = AuditBuffer.current();
        if (buffer == null) {
            return;
        }
        buffer.add(new AuditEntry(
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                action,
                typeName(entity.getClass()),
                base.getId() == null ? null : base.getId().toString(),
                changes,
                null));
    }

    private static Map<String, Object> snapshot(DescriptorEvent event, String side) {
        ClassDescriptor descriptor = event.getDescriptor();
        Map<String, Object> values = new LinkedHashMap<>();
        for (DatabaseMapping mapping : descriptor.getMappings()) {
            String field = mapping.getAttributeName();
            if (BOOKKEEPING.contains(field) || !recorded(mapping)) {
                continue;
            }
            Object value = mapping.getAttributeValueFromObject(event.getObject());
            if (value != null) {
                values.put(field, Map.of(side, value(event.getObject().getClass(), field, value)));
            }
        }
        return values;
    }

    /** Values and embedded values are the row's content; relationships are recorded by their id columns. */
    private static boolean recorded(DatabaseMapping mapping) {
        return mapping != null && (mapping.isDirectToFieldMapping() || mapping.isAggregateObjectMapping());
    }

    /** The value as the audit trail stores it: JSON-friendly, and never a secret. */
    private static Object value(Class<?> type, String field, Object value) {
        if (value == null) {
            return null;
        }
        if (redacted(type).contains(field)) {
            return AuditEntry.REDACTED;
        }
        if (value instanceof Boolean || value instanceof Number || value instanceof String) {
            return value;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(java.util.Locale.ROOT);
        }
        return value.toString();
    }

    private static Set<String> redacted(Class<?> type) {
        return REDACTED.computeIfAbsent(type, t -> {
            Set<String> fields = new java.util.HashSet<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Redacted.class)) {
                        fields.add(field.getName());
                    }
                }
            }
            return Set.copyOf(fields);
        });
    }

    /** {@code ApiKey} → {@code api-key}. */
    public static String typeName(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
