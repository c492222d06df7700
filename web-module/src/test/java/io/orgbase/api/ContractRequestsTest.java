package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.JsonBody;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The request schemas of the collections are written by hand in the contract's static part; this
 * keeps them true to the readers. For every {@link CollectionResource} with a {@link CollectionDoc},
 * the create schema lists exactly the fields {@code read(json, CREATE)} asks for and requires
 * exactly those it refuses to miss; the patch schema lists the fields {@code read(json, UPDATE)}
 * asks for, but for those fixed at creation it reads only to refuse a change by name, and requires
 * none. Both refuse other fields ({@code additionalProperties: false}).
 */
class ContractRequestsTest {

    @Test
    void collectionRequestSchemasMatchTheirReaders() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Contract.text());
        List<String> drift = new ArrayList<>();
        int collections = 0;
        for (Class<?> resource : JaxRs.all()) {
            CollectionDoc doc = resource.getAnnotation(CollectionDoc.class);
            if (doc == null) {
                continue;
            }
            collections++;
            for (CollectionResource.Write write : CollectionResource.Write.values()) {
                String name = write == CollectionResource.Write.CREATE ? doc.request() : doc.patch();
                JsonNode schema = contract.path("components").path("schemas").path(name);
                Set<String> documented = new TreeSet<>();
                schema.path("properties").fieldNames().forEachRemaining(documented::add);
                Set<String> required = new TreeSet<>();
                schema.path("required").forEach(field -> required.add(field.asText()));

                JsonBody empty = JsonBody.read(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
                read(resource, empty, write);
                Set<String> asked = new TreeSet<>(empty.asked());
                InvalidInput missing = catchThrowableOfType(empty::finish, InvalidInput.class);
                Set<String> refused = missing == null
                        ? Set.of()
                        : missing.errors().stream()
                                .map(FieldError::name)
                                .collect(Collectors.toCollection(TreeSet::new));

                String where = resource.getSimpleName() + " " + write + " (" + name + ")";
                if (write == CollectionResource.Write.CREATE) {
                    if (!documented.equals(asked)) {
                        drift.add(where + " documents " + documented + " but reads " + asked);
                    }
                } else {
                    // a PATCH also reads the fields fixed at creation, to refuse a change by name
                    Set<String> creatable = new TreeSet<>();
                    contract.path("components")
                            .path("schemas")
                            .path(doc.request())
                            .path("properties")
                            .fieldNames()
                            .forEachRemaining(creatable::add);
                    Set<String> unexplained = new TreeSet<>(asked);
                    unexplained.removeAll(documented);
                    unexplained.removeAll(creatable);
                    Set<String> unread = new TreeSet<>(documented);
                    unread.removeAll(asked);
                    if (!unexplained.isEmpty() || !unread.isEmpty()) {
                        drift.add(where + " documents " + documented + " but reads " + asked);
                    }
                }
                if (!required.equals(refused)) {
                    drift.add(where + " requires " + required + " but refuses to miss " + refused);
                }
                if (!schema.path("additionalProperties").asText().equals("false")) {
                    drift.add(where + " does not say that other fields are refused (additionalProperties: false)");
                }
            }
        }
        assertThat(collections).as("collections checked").isGreaterThanOrEqualTo(8);
        assertThat(drift).isEmpty();
    }

    /** Calls the resource's reader as the skeleton does; its boundaries are not needed to read. */
    private static void read(Class<?> resource, JsonBody json, CollectionResource.Write write) throws Exception {
        Constructor<?> constructor = resource.getConstructors()[0];
        Object[] nothing = new Object[constructor.getParameterCount()];
        Object instance = constructor.newInstance(nothing);
        Method read = resource.getDeclaredMethod("read", JsonBody.class, CollectionResource.Write.class);
        read.setAccessible(true);
        read.invoke(instance, json, write);
    }
}
