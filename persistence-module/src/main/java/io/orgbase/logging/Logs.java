package io.orgbase.logging;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Orgbase's loggers, and the request a line was logged in: every logger comes from here (a test
 * keeps it so), and each of its records carries the request id and the organization of the request
 * that logged it, as a map among the record's parameters. Payara's JSON formatter writes such a map
 * as fields of the line ({@code "requestId"}, {@code "organizationId"}); the text formatters ignore
 * it, and a message's own {@code {0}} parameters are untouched (the map comes last).
 *
 * <p>The context is the request's thread's: set when the request is read, the organization added
 * once the request resolved it, and cleared when the request is done (a servlet request listener,
 * which runs however the request ended).
 */
public final class Logs {

    public static final String REQUEST_ID = "requestId";
    public static final String ORGANIZATION_ID = "organizationId";

    private static final ThreadLocal<Map<String, String>> CONTEXT = new ThreadLocal<>();
    private static final Filter WITH_CONTEXT = Logs::addContext;

    private Logs() {}

    public static Logger get(Class<?> owner) {
        return get(owner.getName());
    }

    public static Logger get(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setFilter(WITH_CONTEXT);
        return logger;
    }

    /** A request begins on this thread: whatever an earlier one left is gone. */
    public static void beginRequest(String requestId) {
        Map<String, String> context = new LinkedHashMap<>(2);
        context.put(REQUEST_ID, requestId);
        CONTEXT.set(context);
    }

    /** The request on this thread acts in this organization. */
    public static void organization(UUID orgId) {
        Map<String, String> context = CONTEXT.get();
        if (context != null && orgId != null) {
            context.put(ORGANIZATION_ID, orgId.toString());
        }
    }

    /** The request on this thread is done. */
    public static void endRequest() {
        CONTEXT.remove();
    }

    /** What a line logged now on this thread carries (empty outside a request). */
    public static Map<String, String> context() {
        Map<String, String> context = CONTEXT.get();
        return context == null ? Map.of() : Map.copyOf(context);
    }

    private static boolean addContext(LogRecord record) {
        Map<String, String> context = CONTEXT.get();
        if (context != null) {
            // a copy: Payara's file handler formats on a thread of its own, later
            Object[] parameters = record.getParameters();
            Object[] with = parameters == null ? new Object[1] : Arrays.copyOf(parameters, parameters.length + 1);
            with[with.length - 1] = Map.copyOf(context);
            record.setParameters(with);
        }
        return true;
    }
}
