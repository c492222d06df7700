package io.orgbase.api;

import io.orgbase.persistence.Keyed;
import io.orgbase.persistence.RecordKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Finishes the API contract that SmallRye OpenAPI's Maven plugin generates from the resources at
 * build time (never at run time: Payara serves the result as a static document).
 *
 * <ul>
 *   <li>Operations a resource inherits from {@link CollectionResource} take their summaries, bodies,
 *       record schemas, key name and filters from the subclass's {@link CollectionDoc}; a subclass
 *       without one fails the build.
 *   <li>Endpoints marked {@link Public} need no credentials ({@code security: []}); every other
 *       operation takes the document's bearer token or API key.
 *   <li>Operation ids become {@code departmentsList}-style names: the resource without
 *       "Resource", then the method.
 *   <li>Path parameters named {@code id} or {@code userId} are UUIDs unless a collection says
 *       otherwise.
 *   <li>What every operation of a kind answers (401, 404, 400/413, idempotency, ETag
 *       preconditions, collection parameters) is added by {@link ContractConventions}.
 *   <li>A static schema naming a {@link Keyed} enum in {@code x-enum-of} takes its keys as values.
 *   <li>Pages and lists ({@code <X>Page}, {@code <X>List}) are made from their record schema.
 *   <li>Schemas the scanner derived from Java return types but nothing references (the contract
 *       names its own) are dropped ({@link UnusedSchemas}).
 * </ul>
 */
public class ContractFilter implements OASFilter {

    private static final String JSON = "application/json";
    private static final Set<String> UUID_PARAMETERS = Set.of("id", "userId");

    /** The document's schemas, where the page and list schemas a collection leaves out are made. */
    private Components components;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        components = openAPI.getComponents();
        Map<String, PathItem> paths = new LinkedHashMap<>();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            CollectionDoc collection = null;
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    item.getOperations().entrySet()) {
                CollectionDoc inherited = finish(path, entry.getKey(), entry.getValue());
                collection = inherited != null ? inherited : collection;
            }
            paths.put(collection == null ? path : nameKey(path, item, collection), item);
        });
        List.copyOf(openAPI.getPaths().getPathItems().keySet()).forEach(openAPI.getPaths()::removePathItem);
        paths.forEach(openAPI.getPaths()::addPathItem);
        valuesFromCode();
        wrappers(openAPI);
        UnusedSchemas.drop(openAPI);
    }

    /**
     * Finishes one operation.
     *
     * @return the {@link CollectionDoc} of the collection the operation is inherited from, or null
     */
    private CollectionDoc finish(String path, PathItem.HttpMethod verb, Operation operation) {
        String id = operation.getOperationId();
        int split = id == null ? -1 : id.lastIndexOf('_');
        if (split < 0) {
            if (id == null) {
                throw new IllegalStateException("no operation id on " + verb + " " + path);
            }
            return null; // written in the static part (servlet paths), final as it is
        }
        Class<?> resource = load(id.substring(0, split));
        String method = id.substring(split + 1);
        java.lang.reflect.Method java = javaMethod(resource, method);
        operation.setOperationId(operationId(resource, method));
        boolean open = resource.isAnnotationPresent(Public.class) || publicMethod(resource, method);
        if (open) {
            operation.setSecurity(new java.util.ArrayList<>()); // no credentials needed
        }
        ContractConventions.apply(operation, verb, path, open, java);
        for (Parameter parameter : parameters(operation)) {
            if (parameter.getIn() == Parameter.In.PATH
                    && UUID_PARAMETERS.contains(parameter.getName())
                    && parameter.getSchema() != null) {
                // a String parameter read as a UUID, or a UUID the scanner made a schema of
                parameter.setSchema(
                        OASFactory.createSchema().type(Schema.SchemaType.STRING).format("uuid"));
            }
        }
        boolean inherited = java != null
                && (java.getDeclaringClass() == CollectionResource.class
                        || java.getDeclaringClass() == TreeResource.class);
        if (!inherited) {
            return null;
        }
        CollectionDoc doc = resource.getAnnotation(CollectionDoc.class);
        if (doc == null) {
            throw new IllegalStateException(resource.getName() + " extends CollectionResource without @CollectionDoc");
        }
        describe(operation, method, doc);
        return doc;
    }

    /**
     * A collection's record as its key is called ({@code {slug}}, {@code {role}}): the path's last
     * {@code {id}} and the parameter of every operation on it.
     */
    private static String nameKey(String path, PathItem item, CollectionDoc doc) {
        List<Parameter> all = new java.util.ArrayList<>(parameters(item.getParameters()));
        item.getOperations().values().forEach(operation -> all.addAll(parameters(operation.getParameters())));
        for (Parameter parameter : all) {
            if (parameter.getIn() == Parameter.In.PATH && parameter.getName().equals("id")) {
                parameter.setName(doc.key());
                Schema schema = OASFactory.createSchema().type(Schema.SchemaType.STRING);
                if (!doc.keyFormat().isEmpty()) {
                    schema.setFormat(doc.keyFormat());
                }
                parameter.setSchema(schema);
                if (!doc.keyDescription().isEmpty()) {
                    parameter.setDescription(doc.keyDescription());
                }
            }
        }
        int last = path.lastIndexOf("/{id}");
        return last < 0 ? path : path.substring(0, last) + "/{" + doc.key() + "}" + path.substring(last + 5);
    }

    private void describe(Operation operation, String method, CollectionDoc doc) {
        org.eclipse.microprofile.openapi.annotations.Operation text =
                switch (method) {
                    case "list" -> doc.list();
                    case "create" -> doc.create();
                    case "bulk" -> doc.bulk();
                    case "get" -> doc.get();
                    case "update" -> doc.update();
                    case "descendants" -> doc.descendants();
                    case "ancestors" -> doc.ancestors();
                    default -> doc.delete();
                };
        if (text.summary().isEmpty()) {
            throw new IllegalStateException("@CollectionDoc has no summary for " + method);
        }
        operation.setSummary(text.summary());
        operation.setDescription(text.description().isEmpty() ? null : text.description());
        switch (method) {
            case "list" -> {
                respond(operation, "200", pageOf(doc));
                for (var filter : doc.filters()) {
                    operation.addParameter(filter(filter));
                }
            }
            case "create" -> {
                operation.setRequestBody(body(doc.request(), JSON));
                respond(operation, "201", doc.item());
            }
            case "get" -> respond(operation, "200", doc.item());
            case "descendants" -> respond(operation, "200", pageOf(doc));
            case "ancestors" -> respond(operation, "200", listOf(doc));
            case "update" -> {
                operation.setRequestBody(body(doc.patch(), JSON, "application/merge-patch+json"));
                respond(operation, "200", doc.item());
            }
            default -> {
                // bulk and delete are described on the skeleton
            }
        }
    }

    /**
     * Values written once, in the code: a static schema that names a {@link Keyed} enum in
     * {@code x-enum-of} takes its keys as its values, and {@code TagUsage} takes the keys of
     * {@link RecordKind} as its properties.
     */
    private void valuesFromCode() {
        Map<String, Schema> schemas = components.getSchemas();
        for (Schema schema : schemas.values()) {
            Object named = schema.getExtensions() == null
                    ? null
                    : schema.getExtensions().get("x-enum-of");
            if (named != null) {
                schema.setEnumeration(new java.util.ArrayList<>(Keyed.keys(keyed(named.toString()))));
                schema.removeExtension("x-enum-of");
            }
        }
        Schema usage = schemas.get("TagUsage");
        if (usage == null) {
            throw new IllegalStateException("the static part lacks the TagUsage schema");
        }
        for (String kind : Keyed.keys(RecordKind.class)) {
            usage.addProperty(kind, OASFactory.createSchema().type(Schema.SchemaType.INTEGER));
        }
    }

    private static Class<? extends Keyed> keyed(String name) {
        Class<?> type;
        try {
            type = Class.forName(name, false, ContractFilter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("x-enum-of names " + name + ", which is not on the class path", e);
        }
        if (!type.isEnum() || !Keyed.class.isAssignableFrom(type)) {
            throw new IllegalStateException("x-enum-of names " + name + ", not an enum of keys");
        }
        return type.asSubclass(Keyed.class);
    }

    /** A page of the collection's records: {@code <item>Page}. */
    private String pageOf(CollectionDoc doc) {
        String name = doc.item() + "Page";
        wrap(name, doc.item());
        return name;
    }

    /** All of some records at once, never paged: {@code <item>List}. */
    private String listOf(CollectionDoc doc) {
        String name = doc.item() + "List";
        wrap(name, doc.item());
        return name;
    }

    /**
     * Every {@code <X>Page} or {@code <X>List} an answer names and nobody wrote is made from the
     * record schema {@code X}: a page as the collection conventions answer it, a list as
     * {@code {items}}.
     */
    private void wrappers(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations()
                .values()
                .forEach(operation -> operation
                        .getResponses()
                        .getAPIResponses()
                        .values()
                        .forEach(response -> {
                            if (response.getContent() == null
                                    || response.getContent().getMediaTypes() == null) {
                                return;
                            }
                            for (var media :
                                    response.getContent().getMediaTypes().values()) {
                                String ref = media.getSchema() == null
                                        ? null
                                        : media.getSchema().getRef();
                                String name = ref == null ? "" : ref.substring(ref.lastIndexOf('/') + 1);
                                if (name.endsWith("Page") || name.endsWith("List")) {
                                    wrap(name, name.substring(0, name.length() - 4));
                                }
                            }
                        })));
    }

    private void wrap(String name, String item) {
        if (components.getSchemas() != null && components.getSchemas().containsKey(name)) {
            return;
        }
        if (components.getSchemas() == null || !components.getSchemas().containsKey(item)) {
            throw new IllegalStateException(name + " wraps " + item + ", which no schema describes");
        }
        Schema wrapper =
                OASFactory.createSchema().type(Schema.SchemaType.OBJECT).addProperty("items", arrayOf(item));
        if (name.endsWith("Page")) {
            wrapper.addProperty(
                            "nextCursor",
                            OASFactory.createSchema()
                                    .type(Schema.SchemaType.STRING)
                                    .nullable(true)
                                    .description("Pass as cursor for the next page; null on the last"))
                    .addProperty(
                            "total",
                            OASFactory.createSchema()
                                    .type(Schema.SchemaType.INTEGER)
                                    .nullable(true)
                                    .description("All matching items; only with count=true"));
        }
        components.addSchema(name, wrapper);
    }

    private static Schema arrayOf(String item) {
        return OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(ref(item));
    }

    private static Parameter filter(org.eclipse.microprofile.openapi.annotations.parameters.Parameter declared) {
        Schema schema = OASFactory.createSchema()
                .type(Schema.SchemaType.valueOf(declared.schema().type().name()));
        if (!declared.schema().format().isEmpty()) {
            schema.setFormat(declared.schema().format());
        }
        return OASFactory.createParameter()
                .name(declared.name())
                .in(Parameter.In.valueOf(declared.in().name()))
                .description(declared.description())
                .schema(schema);
    }

    private static RequestBody body(String schema, String... mediaTypes) {
        Content content = OASFactory.createContent();
        for (String mediaType : mediaTypes) {
            content.addMediaType(mediaType, OASFactory.createMediaType().schema(ref(schema)));
        }
        return OASFactory.createRequestBody().required(true).content(content);
    }

    private static void respond(Operation operation, String status, String schema) {
        APIResponse response = operation.getResponses().getAPIResponse(status);
        response.setContent(OASFactory.createContent()
                .addMediaType(JSON, OASFactory.createMediaType().schema(ref(schema))));
    }

    private static Schema ref(String schema) {
        return OASFactory.createSchema().ref("#/components/schemas/" + schema);
    }

    private static List<Parameter> parameters(Operation operation) {
        return parameters(operation.getParameters());
    }

    private static List<Parameter> parameters(List<Parameter> parameters) {
        return ContractConventions.parameters(parameters);
    }

    /** {@code io.orgbase.department.api.DepartmentsResource} and {@code list}: {@code departmentsList}. */
    static String operationId(Class<?> resource, String method) {
        String name = resource.getSimpleName().replaceFirst("Resource$", "");
        return name.substring(0, 1).toLowerCase(Locale.ROOT)
                + name.substring(1)
                + method.substring(0, 1).toUpperCase(Locale.ROOT)
                + method.substring(1);
    }

    /** The resource method of that name that answers HTTP (resource methods are not overloaded). */
    private static java.lang.reflect.Method javaMethod(Class<?> resource, String name) {
        for (java.lang.reflect.Method method : resource.getMethods()) {
            if (method.getName().equals(name)
                    && java.util.Arrays.stream(method.getAnnotations())
                            .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class))) {
                return method;
            }
        }
        return null;
    }

    private static boolean publicMethod(Class<?> resource, String name) {
        for (java.lang.reflect.Method method : resource.getMethods()) {
            if (method.getName().equals(name) && method.isAnnotationPresent(Public.class)) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ContractFilter.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("operation of an unknown resource " + name, e);
        }
    }
}
