package io.orgbase.launcher;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * {@code ./mvnw -Prun}: runs Orgbase in the foreground until Ctrl-C or SIGTERM, then stops Payara
 * Micro and PostgreSQL cleanly. Exits with Payara Micro's exit code if it stops on its own.
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {}

    public static void main(String[] args) throws Exception {
        LauncherSettings settings = LauncherSettings.from(System.getenv(), System.getProperties());
        Launcher launcher = new Launcher(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "orgbase-stop"));
        long started = System.nanoTime();
        launcher.start(null);
        if (launcher.awaitReady(Duration.ofMinutes(5))) {
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
