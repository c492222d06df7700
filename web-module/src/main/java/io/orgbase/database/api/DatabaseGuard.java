package io.orgbase.database.api;

import io.orgbase.database.Database;
import io.orgbase.problems.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses every API request (503) while the database failed the start-up checks — above all an
 * application role that could bypass row-level security (owner, superuser, BYPASSRLS): readiness
 * says DOWN, and the API must not serve around it with the database's second line of defence
 * between organizations gone. The reason is in the server log, not in the answer.
 */
@Provider
@PreMatching
@Priority(50)
public class DatabaseGuard implements ContainerRequestFilter {

    static final int RETRY_SECONDS = 30;

    @Inject
    Database database;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!database.usable()) {
            request.abortWith(Problems.response(
                            503,
                            "database-unsafe",
                            "Orgbase is not serving: its database failed the start-up checks (see the server log).",
                            null)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_SECONDS)
                    .build());
        }
    }
}
