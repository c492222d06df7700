package io.orgbase.system;

import io.orgbase.launcher.FreePorts;
import io.orgbase.launcher.Launcher;
import io.orgbase.launcher.LauncherSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The flat WAR on Payara Micro, started through the same launcher as {@code ./mvnw -Prun}. */
final class MicroTarget implements Target {

    private final Launcher launcher;
    private final Path home;
    private final String adminEmail;
    private final String adminPassword;

    private MicroTarget(Launcher launcher, Path home, String adminEmail, String adminPassword) {
        this.launcher = launcher;
        this.home = home;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    static MicroTarget start(Path work) {
        String email = "admin-" + Secrets.suffix() + "@it.example";
        String password = Secrets.password();
        try {
            Path home = Files.createDirectories(work).resolve("micro-" + Secrets.suffix());
            Map<String, String> env = new HashMap<>();
            env.put("PORT", Integer.toString(FreePorts.next()));
            env.put("ORGBASE_HOME", home.toString());
            env.put("ORGBASE_ADMIN_EMAIL", email);
            env.put("ORGBASE_ADMIN_PASSWORD", password);
            // the product's default JVM options: the suite runs what a user runs
            env.putAll(Orgbase.settings());
            Launcher launcher = new Launcher(LauncherSettings.from(env, System.getProperties()));
            MicroTarget target = new MicroTarget(launcher, home, email, password);
            launcher.start(work.resolve(home.getFileName() + ".log").toFile());
            if (!launcher.awaitReady(Duration.ofMinutes(4))) {
                target.close();
                throw new IllegalStateException("Payara Micro did not become ready; see " + work);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String baseUrl() {
        return launcher.baseUrl();
    }

    @Override
    public long serverPid() {
        return launcher.serverPid();
    }

    @Override
    public String adminEmail() {
        return adminEmail;
    }

    @Override
    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public Connection superuser() throws SQLException {
        return launcher.database().superuserConnection();
    }

    @Override
    public Path signingKeyFile() {
        return home.resolve("keys/jwt-signing-key.pem");
    }

    @Override
    public String databaseUrl() {
        return launcher.database().url();
    }

    @Override
    public void close() {
        launcher.close();
    }
}
