package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lints the API contract: swagger-parser's validation (structure, required fields, repeated
 * operation ids and tags, undeclared path parameters, unknown schemas), and the rules of a style
 * guide it does not check — every $ref resolves, no component unused, every operation summarised,
 * tagged with a declared tag and answering with a success, path parameters declared once.
 */
class OpenApiLintTest {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private static OpenAPI api;
    private static JsonNode tree;
    private static List<String> messages;

    @BeforeAll
    static void parse() throws Exception {
        String text = Contract.text();
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        api = result.getOpenAPI();
        messages = result.getMessages() == null ? List.of() : result.getMessages();
        tree = new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void theParserFindsNothingWrong() {
        assertThat(api).isNotNull();
        assertThat(messages).isEmpty();
        assertThat(api.getOpenapi()).startsWith("3.0.");
    }

    @Test
    void everyReferenceResolves() {
        List<String> dangling = new ArrayList<>();
        refs(tree, "", ref -> {
            if (!ref.startsWith("#/") || tree.at(ref.substring(1)).isMissingNode()) {
                dangling.add(ref);
            }
        });
        assertThat(dangling).as("$refs that point nowhere").isEmpty();
    }

    @Test
    void everyComponentIsUsed() {
        Set<String> used = new HashSet<>();
        refs(tree, "", used::add);
        List<String> unused = new ArrayList<>();
        JsonNode components = tree.path("components");
        for (Iterator<String> kinds = components.fieldNames(); kinds.hasNext(); ) {
            String kind = kinds.next();
            if (kind.equals("securitySchemes")) {
                continue; // used by name in security requirements
            }
            for (Iterator<String> names = components.path(kind).fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!used.contains("#/components/" + kind + "/" + name)) {
                    unused.add(kind + "/" + name);
                }
            }
        }
        assertThat(unused).as("components nothing refers to").isEmpty();
    }

    @Test
    void everyOperationIsSummarisedTaggedAndAnswersWithASuccess() {
        Set<String> declaredTags = new HashSet<>();
        if (api.getTags() != null) {
            api.getTags().forEach(tag -> declaredTags.add(tag.getName()));
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> operationIds = new HashMap<>();
        api.getPaths().forEach((path, item) -> operations(item).forEach((verb, operation) -> {
            String where = verb + " " + path;
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                problems.add(where + ": no summary");
            }
            if (operation.getTags() == null || operation.getTags().isEmpty()) {
                problems.add(where + ": no tag");
            } else {
                operation.getTags().stream()
                        .filter(tag -> !declaredTags.contains(tag))
                        .forEach(tag -> problems.add(where + ": tag '" + tag + "' is not declared"));
            }
            boolean success = operation.getResponses() != null
                    && operation.getResponses().keySet().stream()
                            .anyMatch(code -> code.startsWith("2") || code.startsWith("3"));
            if (!success) {
                problems.add(where + ": no success response");
            }
            if (operation.getOperationId() != null) {
                String earlier = operationIds.put(operation.getOperationId(), where);
                if (earlier != null) {
                    problems.add(where + ": operationId also used by " + earlier);
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void pathParametersAreDeclaredOnceEach() {
        List<String> problems = new ArrayList<>();
        api.getPaths().forEach((path, item) -> {
            Set<String> templated = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(path);
            while (m.find()) {
                templated.add(m.group(1));
            }
            operations(item).forEach((verb, operation) -> {
                List<String> declared = new ArrayList<>();
                for (List<Parameter> parameters :
                        List.of(nonNull(item.getParameters()), nonNull(operation.getParameters()))) {
                    for (Parameter parameter : parameters) {
                        Parameter resolved = resolve(parameter);
                        if ("path".equals(resolved.getIn())) {
                            declared.add(resolved.getName());
                        }
                    }
                }
                if (!new TreeSet<>(declared).equals(templated) || declared.size() != templated.size()) {
                    problems.add(verb + " " + path + ": path parameters " + declared + " for " + templated);
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    private static Parameter resolve(Parameter parameter) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        String name = parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getParameters().get(name);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, Operation> operations(PathItem item) {
        Map<String, Operation> operations = new HashMap<>();
        item.readOperationsMap().forEach((verb, operation) -> operations.put(verb.name(), operation));
        return operations;
    }

    private static void refs(JsonNode node, String at, java.util.function.Consumer<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    into.accept(field.getValue().asText());
                } else {
                    refs(field.getValue(), at + "/" + field.getKey(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> refs(child, at, into));
        }
    }
}
