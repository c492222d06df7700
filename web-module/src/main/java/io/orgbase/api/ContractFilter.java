package io.orgbase.api;

import io.orgbase.persistence.Keyed;
import io.orgbase.persistence.RecordKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
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
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
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
 *   <li>Schemas the scanner derived from Java return types but nothing references (the contract
 *       names its own) are dropped.
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
        dropUnreferencedSchemas(openAPI);
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
        conventions(operation, verb, path, open, java);
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
        for (String kind : RecordKind.keys()) {
            usage.addProperty(kind, OASFactory.createSchema().type(Schema.SchemaType.INTEGER));
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Keyed> keyed(String name) {
        Class<?> type = load(name);
        if (!type.isEnum() || !Keyed.class.isAssignableFrom(type)) {
            throw new IllegalStateException("x-enum-of names " + name + ", not an enum of keys");
        }
        return (Class<? extends Keyed>) type;
    }

    /** {@code <item>Page}: a page of the collection's records, as the collection conventions answer it. */
    private String pageOf(CollectionDoc doc) {
        String name = doc.page().isEmpty() ? doc.item() + "Page" : doc.page();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            components.addSchema(
                    name,
                    OASFactory.createSchema()
                            .type(Schema.SchemaType.OBJECT)
                            .addProperty("items", arrayOf(doc.item()))
                            .addProperty(
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
                                            .description("All matching items; only with count=true")));
        }
        return name;
    }

    /** {@code <item>List}: all of some records at once (never paged). */
    private String listOf(CollectionDoc doc) {
        String name = doc.items().isEmpty() ? doc.item() + "List" : doc.items();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            components.addSchema(
                    name,
                    OASFactory.createSchema().type(Schema.SchemaType.OBJECT).addProperty("items", arrayOf(doc.item())));
        }
        return name;
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
        return parameters == null ? List.of() : parameters;
    }

    /** {@code io.orgbase.department.api.DepartmentsResource} and {@code list}: {@code departmentsList}. */
    static String operationId(Class<?> resource, String method) {
        String name = resource.getSimpleName().replaceFirst("Resource$", "");
        return name.substring(0, 1).toLowerCase(Locale.ROOT)
                + name.substring(1)
                + method.substring(0, 1).toUpperCase(Locale.ROOT)
                + method.substring(1);
    }

    /**
     * What every operation of a kind answers, whatever its resource: written here once, so that
     * resources declare only what is their own. Each is added only where the operation does not
     * declare that status itself.
     *
     * <ul>
     *   <li>401 without credentials, unless {@link Public};
     *   <li>404 where the path names something (an organization, a record) that may not be there;
     *   <li>400 and 413 where there is a request body (malformed or oversized);
     *   <li>on a signed-in POST, the {@code Idempotency-Key} header and its 422;
     *   <li>a versioned record ({@link Tagged}): {@code If-None-Match} and 304 on GET,
     *       {@code If-Match} and 412 on PATCH and PUT; a DELETE that reads the headers reads
     *       {@code If-Match} and answers 412;
     *   <li>a page of records (a method that returns {@link Items} and reads the query through
     *       {@code UriInfo}) takes the collection parameters and answers 400 for bad ones.
     * </ul>
     */
    private static void conventions(
            Operation operation, PathItem.HttpMethod verb, String path, boolean open, java.lang.reflect.Method method) {
        if (!open) {
            answer(operation, "401", "Unauthenticated");
        }
        if (path.contains("{")) {
            answer(operation, "404", "NotFound");
        }
        if (operation.getRequestBody() != null) {
            answer(operation, "400", "BadRequest");
            answer(operation, "413", "TooLarge");
        }
        if (verb == PathItem.HttpMethod.POST && !open) {
            take(operation, "idempotencyKey");
            answer(operation, "422", "IdempotencyKeyReused");
        }
        if (method != null && Tagged.class.isAssignableFrom(method.getReturnType())) {
            // a versioned record: its ETag makes a GET conditional and guards a change
            if (verb == PathItem.HttpMethod.GET) {
                take(operation, "ifNoneMatch");
                if (operation.getResponses().getAPIResponse("304") == null) {
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "304",
                                    OASFactory.createAPIResponse()
                                            .description("Not modified (If-None-Match names the current ETag)"));
                }
            } else if (verb == PathItem.HttpMethod.PATCH || verb == PathItem.HttpMethod.PUT) {
                take(operation, "ifMatch");
                answer(operation, "412", "PreconditionFailed");
            }
        }
        if (method != null
                && verb == PathItem.HttpMethod.DELETE
                && java.util.Arrays.asList(method.getParameterTypes()).contains(jakarta.ws.rs.core.HttpHeaders.class)) {
            // a delete that reads the headers reads If-Match (ETags.ifMatch)
            take(operation, "ifMatch");
            answer(operation, "412", "PreconditionFailed");
        }
        if (method != null
                && method.getReturnType() == Items.class
                && java.util.Arrays.asList(method.getParameterTypes()).contains(jakarta.ws.rs.core.UriInfo.class)) {
            for (String parameter : List.of("limit", "cursor", "sort", "filter", "q", "count")) {
                take(operation, parameter);
            }
            answer(operation, "400", "BadRequest");
        }
    }

    private static void answer(Operation operation, String status, String response) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation
                    .getResponses()
                    .addAPIResponse(status, OASFactory.createAPIResponse().ref("#/components/responses/" + response));
        }
    }

    private static void take(Operation operation, String parameter) {
        String ref = "#/components/parameters/" + parameter;
        if (parameters(operation).stream().noneMatch(p -> ref.equals(p.getRef()))) {
            operation.addParameter(OASFactory.createParameter().ref(ref));
        }
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

    /** Keeps the schemas reachable from the paths and the other components. */
    private static void dropUnreferencedSchemas(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        Map<String, Schema> schemas = components.getSchemas();
        Set<String> reached = new HashSet<>();
        Deque<Schema> pending = new ArrayDeque<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            parametersOf(item.getParameters(), pending);
            item.getOperations().values().forEach(operation -> {
                parametersOf(operation.getParameters(), pending);
                if (operation.getRequestBody() != null) {
                    contentOf(operation.getRequestBody().getContent(), pending);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(r -> responseOf(r, pending));
                }
            });
        });
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(r -> responseOf(r, pending));
        }
        if (components.getParameters() != null) {
            parametersOf(List.copyOf(components.getParameters().values()), pending);
        }
        if (components.getRequestBodies() != null) {
            components.getRequestBodies().values().forEach(b -> contentOf(b.getContent(), pending));
        }
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null) {
                String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
                if (reached.add(name) && schemas.containsKey(name)) {
                    pending.push(schemas.get(name));
                }
                continue;
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(pending::push);
            }
            if (schema.getItems() != null) {
                pending.push(schema.getItems());
            }
            if (schema.getAdditionalPropertiesSchema() != null) {
                pending.push(schema.getAdditionalPropertiesSchema());
            }
            for (List<Schema> group :
                    List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()))) {
                group.forEach(pending::push);
            }
            if (schema.getNot() != null) {
                pending.push(schema.getNot());
            }
        }
        Set<String> written = staticSchemas();
        List.copyOf(schemas.keySet()).stream()
                .filter(name -> !reached.contains(name) && !written.contains(name))
                .forEach(components::removeSchema);
    }

    /**
     * The schemas the static part writes: never dropped here, so that one nothing uses any more is
     * reported by the lint ({@code OpenApiLintTest}) instead of vanishing.
     */
    private static Set<String> staticSchemas() {
        Set<String> names = new HashSet<>();
        try (java.io.InputStream in =
                ContractFilter.class.getClassLoader().getResourceAsStream("META-INF/openapi.yml")) {
            if (in == null) {
                throw new IllegalStateException("no META-INF/openapi.yml beside the filter");
            }
            boolean inSchemas = false;
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.equals("  schemas:")) {
                    inSchemas = true;
                } else if (inSchemas && !line.isBlank() && !line.startsWith("    ")) {
                    inSchemas = false;
                } else if (inSchemas && line.matches("    [A-Za-z0-9_.-]+:\\s*")) {
                    names.add(line.strip().replaceAll(":$", ""));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return names;
    }

    private static List<Schema> nonNull(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }

    private static void parametersOf(List<Parameter> parameters, Deque<Schema> into) {
        if (parameters != null) {
            parameters.forEach(p -> {
                // a reference to a shared parameter is written as the reference alone; the scanner
                // leaves the type of the Java parameter it was declared beside (UriInfo) in the model
                if (p.getRef() == null && p.getSchema() != null) {
                    into.push(p.getSchema());
                }
                contentOf(p.getContent(), into);
            });
        }
    }

    private static void responseOf(APIResponse response, Deque<Schema> into) {
        contentOf(response.getContent(), into);
        if (response.getHeaders() != null) {
            for (Header header : response.getHeaders().values()) {
                if (header.getSchema() != null) {
                    into.push(header.getSchema());
                }
            }
        }
    }

    private static void contentOf(Content content, Deque<Schema> into) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType mediaType : content.getMediaTypes().values()) {
                if (mediaType.getSchema() != null) {
                    into.push(mediaType.getSchema());
                }
            }
        }
    }
}
