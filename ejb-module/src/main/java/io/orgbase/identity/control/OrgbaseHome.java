package io.orgbase.identity.control;

import java.nio.file.Path;

/**
 * The directory where an Orgbase instance keeps what it generates (the JWT signing key): {@code
 * ORGBASE_HOME} from the environment or the {@code orgbase.home} system property, else {@code ./var}.
 * Read without MicroProfile Config because a config source needs it.
 */
public final class OrgbaseHome {

    private OrgbaseHome() {}

    public static Path path() {
        String configured = System.getProperty("orgbase.home", System.getenv("ORGBASE_HOME"));
        return Path.of(configured == null || configured.isBlank() ? "var" : configured)
                .toAbsolutePath();
    }
}
