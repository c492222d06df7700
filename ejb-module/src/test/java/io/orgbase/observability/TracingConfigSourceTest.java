package io.orgbase.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingConfigSourceTest {

    private static TracingConfigSource with(Map<String, String> properties, Map<String, String> environment) {
        return new TracingConfigSource(properties::get, environment::get);
    }

    @Test
    void payaraSkipsEveryPathWhileOpenTelemetryIsOff() {
        for (TracingConfigSource off : new TracingConfigSource[] {
            with(Map.of(), Map.of()),
            with(Map.of("otel.sdk.disabled", "true"), Map.of()),
            with(Map.of(), Map.of("OTEL_SDK_DISABLED", "TRUE"))
        }) {
            assertThat(off.getValue(TracingConfigSource.SKIP_PATTERN)).isEqualTo(".*");
            assertThat(off.getProperties()).containsEntry(TracingConfigSource.SKIP_PATTERN, ".*");
            assertThat(off.getPropertyNames()).containsExactly(TracingConfigSource.SKIP_PATTERN);
            assertThat("/api/v1/orgs/acme/departments/x".matches(off.getValue(TracingConfigSource.SKIP_PATTERN)))
                    .isTrue();
        }
    }

    @Test
    void everyPathIsTracedOnceOpenTelemetryIsOn() {
        for (TracingConfigSource on : new TracingConfigSource[] {
            with(Map.of("otel.sdk.disabled", "false"), Map.of()), with(Map.of(), Map.of("OTEL_SDK_DISABLED", "False"))
        }) {
            assertThat(on.getValue(TracingConfigSource.SKIP_PATTERN)).isNull();
            assertThat(on.getProperties()).isEmpty();
            assertThat(on.getPropertyNames()).isEmpty();
        }
        assertThat(with(Map.of(), Map.of()).getOrdinal())
                .as("below the defaults' 100: an operator's own pattern wins")
                .isLessThan(100);
    }
}
