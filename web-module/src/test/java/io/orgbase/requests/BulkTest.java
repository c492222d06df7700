package io.orgbase.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The bulk envelope is checked whole before any operation runs: every mistake is named at once, and
 * nothing is done when there is one. (What the operations then do is the system tests' part.)
 */
class BulkTest {

    private final AtomicInteger ran = new AtomicInteger();

    private Bulk.Operations<UUID> createAndDelete() {
        return Bulk.Operations.byUuid()
                .create(body -> {
                    ran.incrementAndGet();
                    return null;
                })
                .delete((id, precondition) -> ran.incrementAndGet());
    }

    private List<String> refused(String envelope, Bulk.Operations<?> operations) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> Bulk.run(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.UTF_8)), operations));
        assertThat(thrown).isInstanceOf(InvalidInput.class);
        assertThat(ran).as("operations run before the envelope was refused").hasValue(0);
        return ((InvalidInput) thrown).errors().stream().map(FieldError::name).toList();
    }

    @Test
    void theOperationsMustBeANonEmptyListOfAtMostAHundred() {
        assertThat(refused("{}", createAndDelete())).containsExactly("operations");
        assertThat(refused("{\"operations\":[]}", createAndDelete())).containsExactly("operations");
        assertThat(refused("{\"operations\":{}}", createAndDelete())).containsExactly("operations");
        String many = "{\"op\":\"delete\",\"id\":\"" + UUID.randomUUID() + "\"},";
        assertThat(refused(
                        "{\"operations\":[" + many.repeat(Bulk.MAX_OPERATIONS) + many.substring(0, many.length() - 1)
                                + "]}",
                        createAndDelete()))
                .containsExactly("operations");
        assertThat(refused("{\"operations\":[{\"op\":\"create\",\"body\":{}}],\"atomic\":\"yes\"}", createAndDelete()))
                .containsExactly("atomic");
        assertThat(refused("{\"operations\":[{\"op\":\"create\",\"body\":{}}],\"extra\":1}", createAndDelete()))
                .containsExactly("extra");
    }

    @Test
    void everyMistakeOfEveryOperationIsNamedAtOnce() {
        String envelope = "{\"operations\":["
                + "\"not an object\","
                + "{\"op\":\"update\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":{}},"
                + "{\"op\":\"create\",\"id\":\"" + UUID.randomUUID() + "\",\"body\":[]},"
                + "{\"op\":\"delete\",\"id\":\"not-a-uuid\",\"body\":{}},"
                + "{\"op\":\"delete\",\"id\":\"" + UUID.randomUUID() + "\",\"ifMatch\":7,\"why\":\"x\"},"
                + "{\"op\":\"delete\"}"
                + "]}";
        assertThat(refused(envelope, createAndDelete()))
                .containsExactly(
                        "operations[0]",
                        "operations[1].op",
                        "operations[2].id",
                        "operations[2].body",
                        "operations[3].id",
                        "operations[3].body",
                        "operations[4].ifMatch",
                        "operations[4].why",
                        "operations[5].id");
    }

    @Test
    void keysAreWhatTheCollectionAccepts() {
        Bulk.Operations<String> byKey = Bulk.Operations.by((String raw) -> raw.startsWith("k-") ? raw : null)
                .delete((id, precondition) -> ran.incrementAndGet());
        assertThat(refused(
                        "{\"operations\":[{\"op\":\"delete\",\"id\":\"other\"},{\"op\":\"create\",\"body\":{}}]}",
                        byKey))
                .containsExactly("operations[0].id", "operations[1].op");
    }

    @Test
    void aMalformedBodyIsRefusedBeforeAnything() {
        assertThatThrownBy(() ->
                        Bulk.run(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8)), createAndDelete()))
                .isInstanceOf(InvalidInput.class);
        assertThat(ran).hasValue(0);
    }
}
