package io.orgbase.database.api;

import io.orgbase.database.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers and carries every migration of this build. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    Database database;

    @Override
    public HealthCheckResponse call() {
        String reason = database.notReadyReason();
        return reason == null
                ? HealthCheckResponse.up("database")
                : HealthCheckResponse.named("database")
                        .down()
                        .withData("reason", reason)
                        .build();
    }
}
