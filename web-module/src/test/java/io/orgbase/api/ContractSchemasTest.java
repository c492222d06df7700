package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The record schemas of the contract are written by hand (with descriptions, examples and
 * nullability the Java types do not carry); this keeps them true to the code. For every operation
 * whose Java method returns a record (or a page of records), the schema its success response names
 * has exactly the record's components as properties, each of the JSON type JSON-B writes it as —
 * a field added to a view and not to the contract, left in the contract after the view dropped it,
 * or of another type, fails the build, and so does a record returned with no schema documented.
 * Nullability and request bodies are not checked here.
 */
class ContractSchemasTest {

    @Test
    void everyResponseSchemaHasTheFieldsOfTheRecordTheMethodReturns() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Contract.text());
        Map<String, Method> methods = new HashMap<>();
        Map<String, Class<?>> owners = new HashMap<>();
        for (Class<?> resource : JaxRs.all()) {
            for (Method method : resource.getMethods()) {
                if (JaxRs.httpMethod(method) != null) {
                    String id = ContractFilter.operationId(resource, method.getName());
                    methods.put(id, method);
                    owners.put(id, resource);
                }
            }
        }
        List<String> drift = new ArrayList<>();
        int compared = 0;
        for (JsonNode item : iterable(contract.path("paths").elements())) {
            for (JsonNode operation : iterable(item.elements())) {
                String id = operation.path("operationId").asText(null);
                if (id == null || !methods.containsKey(id)) {
                    continue;
                }
                JsonNode schema = successSchema(operation);
                Type returned = resolve(methods.get(id).getGenericReturnType(), owners.get(id));
                Class<?> record = null;
                if (returned instanceof ParameterizedType page && page.getRawType() == Items.class) {
                    record = raw(page.getActualTypeArguments()[0]);
                    schema = schema == null
                            ? null
                            : component(contract, schema)
                                    .path("properties")
                                    .path("items")
                                    .path("items");
                } else {
                    record = raw(returned);
                }
                if (record == null || !record.isRecord()) {
                    continue;
                }
                if (schema == null || schema.isMissingNode()) {
                    drift.add(id + " returns " + record.getSimpleName() + " but documents no JSON schema for it");
                    continue;
                }
                Set<String> documented = new TreeSet<>();
                component(contract, schema).path("properties").fieldNames().forEachRemaining(documented::add);
                Set<String> serialized = Arrays.stream(record.getRecordComponents())
                        .map(RecordComponent::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
                compared++;
                if (!documented.equals(serialized)) {
                    drift.add(id + ": " + schema.path("$ref").asText() + " documents " + documented + " but "
                            + record.getSimpleName() + " writes " + serialized);
                    continue;
                }
                JsonNode properties = component(contract, schema).path("properties");
                for (RecordComponent field : record.getRecordComponents()) {
                    String expected = jsonType(field.getType());
                    JsonNode property = properties.path(field.getName());
                    boolean composed = property.has("$ref") || property.has("allOf") || property.has("oneOf");
                    String written = composed ? "$ref" : property.path("type").asText("");
                    if (expected != null && !written.equals("$ref") && !written.equals(expected)) {
                        drift.add(id + ": " + record.getSimpleName() + "." + field.getName() + " is written as "
                                + expected + " but documented as " + written);
                    }
                }
            }
        }
        assertThat(compared).as("operations whose record schema was compared").isGreaterThan(50);
        assertThat(drift).isEmpty();
    }

    /** The JSON type JSON-B writes a Java type as; null where the contract may say more (records, JSON). */
    private static String jsonType(Class<?> type) {
        if (type == String.class
                || type == java.util.UUID.class
                || type == java.time.OffsetDateTime.class
                || type == java.time.LocalDate.class
                || type.isEnum()) {
            return "string";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || jakarta.json.JsonObject.class.isAssignableFrom(type)) {
            return "object";
        }
        return null;
    }

    private static JsonNode successSchema(JsonNode operation) {
        for (String status : List.of("200", "201")) {
            JsonNode schema = operation
                    .path("responses")
                    .path(status)
                    .path("content")
                    .path("application/json")
                    .path("schema");
            if (!schema.isMissingNode()) {
                return schema;
            }
        }
        return null;
    }

    private static JsonNode component(JsonNode contract, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? contract.at(ref.substring(1)) : schema;
    }

    /**
     * The return type with every type variable bound as the resource's superclasses bind it
     * ({@code Items<V>} of {@code CollectionResource} is {@code Items<DepartmentView>} for departments).
     */
    private static Type resolve(Type type, Class<?> resource) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        Type current = resource.getGenericSuperclass();
        while (current instanceof ParameterizedType declared) {
            Class<?> superclass = (Class<?>) declared.getRawType();
            TypeVariable<?>[] variables = superclass.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                Type argument = declared.getActualTypeArguments()[i];
                bindings.put(variables[i], bindings.getOrDefault(argument, argument));
            }
            current = superclass.getGenericSuperclass();
        }
        return substitute(type, bindings);
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            return bindings.getOrDefault(variable, variable);
        }
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = Arrays.stream(parameterized.getActualTypeArguments())
                    .map(argument -> substitute(argument, bindings))
                    .toArray(Type[]::new);
            return new ParameterizedType() {
                @Override
                public Type[] getActualTypeArguments() {
                    return arguments.clone();
                }

                @Override
                public Type getRawType() {
                    return parameterized.getRawType();
                }

                @Override
                public Type getOwnerType() {
                    return null;
                }
            };
        }
        return type;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return null;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
