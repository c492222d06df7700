package io.orgbase.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Drops the schemas the scanner derived from Java types that nothing in the contract references
 * (the contract names its own); the static part's schemas are kept ({@link ContractFilter}).
 */
final class UnusedSchemas {

    private UnusedSchemas() {}

    /** Keeps the schemas reachable from the paths and the other components. */
    static void drop(OpenAPI openAPI) {
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
                UnusedSchemas.class.getClassLoader().getResourceAsStream("META-INF/openapi.yml")) {
            if (in == null) {
                throw new IllegalStateException("no META-INF/openapi.yml beside the filter");
            }
            boolean inSchemas = false;
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r?\n")) {
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
