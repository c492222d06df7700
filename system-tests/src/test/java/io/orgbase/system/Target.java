package io.orgbase.system;

import java.sql.Connection;
import java.sql.SQLException;

/** A running Orgbase under test: where it answers, its first administrator, its database. */
interface Target extends AutoCloseable {

    String baseUrl();

    /** The server JVM's process id, or -1 (for the resident-memory figures in the log). */
    default long serverPid() {
        return -1;
    }

    /** Where {@code /health/live} and {@code /health/ready} are served (WildFly: its management port). */
    default String healthUrl() {
        return baseUrl();
    }

    String adminEmail();

    String adminPassword();

    /** A superuser connection to Orgbase's database, to look at what the API did from outside. */
    Connection superuser() throws SQLException;

    /** The private key Orgbase signs access tokens with (tests forge tokens with it). */
    java.nio.file.Path signingKeyFile();

    /** Where the server writes its log as JSON lines, or null when it writes none. */
    default java.nio.file.Path jsonLog() {
        return null;
    }

    /** The JDBC URL of Orgbase's database (for connecting as its roles). */
    String databaseUrl();

    @Override
    void close();
}
