package io.orgbase.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the web module's endpoints are loaded ({@link ApiStatus}). In the EAR's library
 * for the same reason as {@link DatabaseReadiness}.
 */
@Readiness
@ApplicationScoped
public class ApiReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return DatabaseReadiness.answer("api", ApiStatus.notReadyReason());
    }
}
