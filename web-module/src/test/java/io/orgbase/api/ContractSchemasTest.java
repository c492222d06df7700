package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
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
 * has exactly the record's components as properties — a field added to a view and not to the
 * contract, or left in the contract after the view dropped it, fails the build.
 */
class ContractSchemasTest {

    @Test
    void everyResponseSchemaHasTheFieldsOfTheRecordTheMethodReturns() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Contract.text());
        Map<String, Method> methods = new HashMap<>();
        Map<String, Class<?>> owners = new HashMap<>();
        for (Class<?> resource : Resources.all()) {
            for (Method method : resource.getMethods()) {
                if (httpMethod(method)) {
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
                if (record == null || !record.isRecord() || schema == null || schema.isMissingNode()) {
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
                }
            }
        }
        assertThat(compared).as("operations whose record schema was compared").isGreaterThan(50);
        assertThat(drift).isEmpty();
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

    /** The return type with the skeleton's type variables bound to what the subclass declares. */
    private static Type resolve(Type type, Class<?> resource) {
        if (type instanceof TypeVariable<?> variable
                && resource.getGenericSuperclass() instanceof ParameterizedType declared) {
            TypeVariable<?>[] variables = raw(declared).getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                if (variables[i].getName().equals(variable.getName())) {
                    return declared.getActualTypeArguments()[i];
                }
            }
        }
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof TypeVariable<?> variable) {
            Type bound = resolve(variable, resource);
            return new ParameterizedType() {
                @Override
                public Type[] getActualTypeArguments() {
                    return new Type[] {bound};
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

    private static boolean httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }

    /** Root resources and every class a sub-resource locator returns. */
    static final class Resources {
        static List<Class<?>> all() throws Exception {
            List<Class<?>> found = new ArrayList<>();
            for (Class<?> root : OpenApiCoverageTest.rootResources()) {
                collect(root, found);
            }
            return found;
        }

        private static void collect(Class<?> resource, List<Class<?>> into) {
            if (into.contains(resource)) {
                return;
            }
            into.add(resource);
            for (Method method : resource.getMethods()) {
                if (method.isAnnotationPresent(Path.class) && !httpMethod(method)) {
                    collect(method.getReturnType(), into);
                }
            }
        }
    }
}
