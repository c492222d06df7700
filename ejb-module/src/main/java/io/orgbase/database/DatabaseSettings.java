package io.orgbase.database;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Connection settings. The application role ({@code DB_USER}) is used for every request; the
 * migration role ({@code DB_MIGRATION_USER}) owns the schema and is used only by Flyway at start-up.
 */
record DatabaseSettings(String url, String appUser, String migrationUser, String migrationPassword) {

    static DatabaseSettings from(Config config) {
        String url = config.getValue("DB_URL", String.class);
        String appUser = config.getValue("DB_USER", String.class);
        Optional<String> migrationUser = config.getOptionalValue("DB_MIGRATION_USER", String.class);
        String migrationPassword = migrationUser.isPresent()
                ? config.getOptionalValue("DB_MIGRATION_PASSWORD", String.class).orElse("")
                : config.getOptionalValue("DB_PASSWORD", String.class).orElse("");
        String migrationUrl =
                config.getOptionalValue("DB_MIGRATION_URL", String.class).orElse(url);
        return new DatabaseSettings(migrationUrl, appUser, migrationUser.orElse(appUser), migrationPassword);
    }
}
