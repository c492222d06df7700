package io.orgbase.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers and carries every migration of this build.
 *
 * <p>In the EAR's library, not in a module: WildFly's MicroProfile Health finds an EAR's checks
 * only in its library (a check in the web or the EJB module is never asked); Payara finds them
 * anywhere.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return answer("database", DatabaseStatus.notReadyReason());
    }

    static HealthCheckResponse answer(String name, String notReadyReason) {
        return notReadyReason == null
                ? HealthCheckResponse.up(name)
                : HealthCheckResponse.named(name)
                        .down()
                        .withData("reason", notReadyReason)
                        .build();
    }
}
