package io.orgbase.system;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The one Orgbase every system test in this JVM talks to, started on first use and stopped when
 * the test run ends. Which runtime it is comes from {@code orgbase.it.runtime}: {@code
 * payara-micro} (the flat WAR, started by the launcher exactly like {@code ./mvnw -Prun}) or {@code
 * payara-server} (the EAR deployed to Payara Server Full) or {@code wildfly} (the same EAR on
 * WildFly, standalone-full).
 */
public final class Orgbase implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(Orgbase.class.getName());
    private static Target target;

    static final String BASE_DOMAIN = "orgbase.test";

    /**
     * Settings every target runs with: the test client is its own load balancer (so tests can
     * present distinct client addresses), per-address sign-in throttling starts early, and the
     * identity provider the tests serve themselves is trusted.
     */
    static Map<String, String> settings() {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "ORGBASE_TRUSTED_PROXIES",
                "127.0.0.1,0:0:0:0:0:0:0:1",
                "ORGBASE_LOGIN_MAX_FAILURES_PER_ADDRESS",
                "10",
                "ORGBASE_BASE_DOMAIN",
                BASE_DOMAIN,
                "ORGBASE_OIDC_ISSUER",
                ExternalIdp.ISSUER,
                "ORGBASE_OIDC_JWKS_URL",
                ExternalIdp.get().jwksUrl(),
                "ORGBASE_OIDC_AUDIENCE",
                ExternalIdp.AUDIENCE,
                "ORGBASE_OIDC_JWKS_REFRESH_MIN_INTERVAL",
                // an unknown key id refetches at once, so the rotation test needs no pause
                "PT0S",
                // the platform administrator creates every test's users: a large budget; a small
                // one per anonymous client address, so RateLimitIT reaches it quickly
                "ORGBASE_RATE_LIMIT_PER_PRINCIPAL",
                "100000",
                "ORGBASE_RATE_LIMIT_PER_ADDRESS",
                "60"));
        // consumers give up after three attempts, the first retry after 0.3 s (MessagingIT)
        settings.put("ORGBASE_MESSAGING_MAX_ATTEMPTS", "3");
        settings.put("ORGBASE_MESSAGING_RETRY_DELAY", "PT0.3S");
        // mail goes to the SMTP server in this JVM; a refused delivery is tried again within seconds
        settings.put("ORGBASE_SMTP_HOST", "127.0.0.1");
        settings.put("ORGBASE_SMTP_PORT", Integer.toString(Mailbox.get().port()));
        settings.put("ORGBASE_SMTP_TLS", "none");
        settings.put("ORGBASE_MAIL_FROM", "Orgbase Tests <no-reply@orgbase.test>");
        settings.put("ORGBASE_MAIL_RETRY_DELAY", "PT1S");
        settings.put("ORGBASE_MAIL_MAX_RETRY_DELAY", "PT4S");
        // DataJobsIT uploads one file past this
        settings.put("ORGBASE_IMPORT_MAX_BYTES", Long.toString(DataJobsIT.MAX_UPLOAD));
        settings.put("ORGBASE_EXPORT_PDF_MAX_ROWS", Long.toString(ExportsIT.PDF_MAX_ROWS));
        return Map.copyOf(settings);
    }

    /** The running target, started if this is the first test to ask. */
    static synchronized Target target() {
        if (target == null) {
            String runtime = System.getProperty("orgbase.it.runtime", "payara-micro");
            Path work = Path.of(System.getProperty("orgbase.it.work", "target/it-work"));
            long started = System.nanoTime();
            target = switch (runtime) {
                case "payara-micro" -> MicroTarget.start(work);
                case "payara-server" -> ServerTarget.start(work);
                case "wildfly" -> WildFlyTarget.start(work);
                default -> throw new IllegalStateException("unknown orgbase.it.runtime " + runtime);
            };
            Target started1 = target;
            Runtime.getRuntime().addShutdownHook(new Thread(started1::close, "orgbase-it-stop"));
            LOG.info(String.format(
                    "%s ready at %s in %.1f s, %s",
                    runtime,
                    target.baseUrl(),
                    (System.nanoTime() - started) / 1e9,
                    Resident.describe(target.serverPid())));
        }
        return target;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (Orgbase.class) {
            if (target != null) {
                LOG.info("after the tests: " + Resident.describe(target.serverPid()));
                target.close();
                target = null;
            }
        }
    }
}
