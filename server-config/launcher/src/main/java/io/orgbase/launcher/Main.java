package io.orgbase.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@code ./mvnw -Prun}: runs Orgbase in the foreground until Ctrl-C or SIGTERM, then stops Payara
 * Micro and PostgreSQL cleanly. Exits with Payara Micro's exit code if it stops on its own.
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {}

    /**
     * Shows the generated password of the first platform administrator once, on this console (the
     * server wrote it to a file only its account can read, never to its log), and deletes the file.
     */
    private static void showGeneratedPassword(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
            LOG.warning("\n\n    Created platform administrator " + lines.get(0) + " with password: " + lines.get(1)
                    + "\n    It is shown only this once; change it after signing in.\n");
        }
        Files.delete(file);
    }

    public static void main(String[] args) throws Exception {
        LauncherSettings settings = LauncherSettings.from(System.getenv(), System.getProperties());
        Launcher launcher = new Launcher(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "orgbase-stop"));
        long started = System.nanoTime();
        launcher.start(null);
        if (launcher.awaitReady(Duration.ofMinutes(5))) {
            // the password first: whoever waits for "ready" (a person, a script) finds it above
            showGeneratedPassword(settings.home().resolve("initial-admin-password"));
            LOG.info(String.format(
                    "Orgbase is ready at %s (%.1f s); data in %s. Ctrl-C stops it.",
                    launcher.baseUrl(), (System.nanoTime() - started) / 1e9, settings.home()));
        } else {
            LOG.severe("Orgbase did not become ready; see the log above.");
        }
        int exit = launcher.awaitExit();
        launcher.close();
        System.exit(exit);
    }
}
