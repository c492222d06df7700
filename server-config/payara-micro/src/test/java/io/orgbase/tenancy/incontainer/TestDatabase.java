package io.orgbase.tenancy.incontainer;

import io.orgbase.launcher.EmbeddedDatabase;
import io.orgbase.launcher.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a throw-away PostgreSQL before Arquillian starts Payara Micro, and hands its coordinates
 * to arquillian.xml as system properties; stops it when the test run ends.
 */
public class TestDatabase implements LauncherSessionListener {

    private EmbeddedDatabase database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("orgbase.it.database")) {
            return; // unit-test runs need no database
        }
        try {
            Path work = Path.of(System.getProperty("orgbase.it.work", "target/it-work"));
            database = EmbeddedDatabase.start(work.resolve("db-" + System.nanoTime()), FreePorts.next(), false);
            System.setProperty("orgbase.it.db.url", database.url());
            System.setProperty("orgbase.it.db.password", database.appPassword());
            System.setProperty("orgbase.it.db.owner-password", database.ownerPassword());
            System.setProperty(
                    "orgbase.it.home", work.resolve("home").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
