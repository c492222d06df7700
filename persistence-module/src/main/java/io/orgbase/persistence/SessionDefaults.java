package io.orgbase.persistence;

import io.orgbase.audit.AuditCustomizer;
import io.orgbase.logging.Logs;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * What every EclipseLink session of Orgbase starts with (persistence.xml names this class): the
 * audit capture, and a statement timeout on every query — JPQL, Criteria and native alike — so that
 * no request holds a thread and a connection longer than {@code ORGBASE_DB_STATEMENT_TIMEOUT}
 * (ISO-8601, default {@value #DEFAULT_TIMEOUT}; {@code PT0S} turns it off). The driver cancels a
 * statement that runs longer (SQLState 57014), which clients see as a 503 with {@code Retry-After}.
 * Read from the environment or a system property of the same name, like the other settings the
 * persistence unit needs before MicroProfile Config is at hand.
 */
public class SessionDefaults implements SessionCustomizer {

    static final String SETTING = "ORGBASE_DB_STATEMENT_TIMEOUT";
    static final String DEFAULT_TIMEOUT = "PT10S";

    private static final Logger LOG = Logs.get(SessionDefaults.class);

    @Override
    public void customize(Session session) {
        new AuditCustomizer().customize(session);
        LeanJoins.apply(session);
        Duration timeout = statementTimeout(System.getProperty(SETTING, System.getenv(SETTING)));
        session.setQueryTimeoutUnitDefault(TimeUnit.MILLISECONDS);
        session.setQueryTimeoutDefault((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        LOG.info(() -> "database statements time out after " + (timeout.isZero() ? "never" : timeout));
    }

    /** @throws IllegalStateException when the setting is not a non-negative ISO-8601 duration */
    static Duration statementTimeout(String configured) {
        String text = configured == null || configured.isBlank() ? DEFAULT_TIMEOUT : configured.strip();
        try {
            Duration timeout = Duration.parse(text);
            if (timeout.isNegative()) {
                throw new IllegalStateException(SETTING + " must not be negative: " + text);
            }
            return timeout;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(SETTING + " is not an ISO-8601 duration (PT10S): " + text, e);
        }
    }
}
