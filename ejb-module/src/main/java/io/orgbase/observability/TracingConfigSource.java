package io.orgbase.observability;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tells Payara's JAX-RS tracing listener to skip every path while OpenTelemetry is off.
 *
 * <p>Payara builds an OpenTelemetry server span for every JAX-RS request (operation name, URL,
 * route and host attributes, random trace and span ids) whether or not anything is configured to
 * receive it: 2.7% of the CPU of a department read in a JFR profile. Its only switch is
 * {@code mp.opentracing.server.skip-pattern}. This source sets it to {@code .*} unless OpenTelemetry
 * is switched on the way Payara itself reads it ({@code otel.sdk.disabled=false} as a system
 * property or {@code OTEL_SDK_DISABLED=false} in the environment), so an operator who turns tracing
 * on gets every span as before. Low ordinal: a skip pattern the operator sets wins. Other servers
 * do not read the property.
 */
public class TracingConfigSource implements ConfigSource {

    static final String SKIP_PATTERN = "mp.opentracing.server.skip-pattern";

    private final String skipPattern;

    public TracingConfigSource() {
        this(System::getProperty, System::getenv);
    }

    TracingConfigSource(UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        boolean tracing = "false".equalsIgnoreCase(systemProperties.apply("otel.sdk.disabled"))
                || "false".equalsIgnoreCase(environment.apply("OTEL_SDK_DISABLED"));
        this.skipPattern = tracing ? null : ".*";
    }

    @Override
    public Set<String> getPropertyNames() {
        return skipPattern == null ? Set.of() : Set.of(SKIP_PATTERN);
    }

    @Override
    public Map<String, String> getProperties() {
        return skipPattern == null ? Map.of() : Map.of(SKIP_PATTERN, skipPattern);
    }

    @Override
    public String getValue(String propertyName) {
        return SKIP_PATTERN.equals(propertyName) ? skipPattern : null;
    }

    @Override
    public String getName() {
        return "orgbase-tracing";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
