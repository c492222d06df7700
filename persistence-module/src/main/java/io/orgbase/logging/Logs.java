package io.orgbase.logging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Filter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Orgbase's loggers, and the request a line was logged in: every logger comes from here (a test
 * keeps it so), and each of its records carries the request id and the organization of the request
 * that logged it, as a map among the record's parameters. Payara's JSON formatter writes such a map
 * as fields of the line ({@code "requestId"}, {@code "organizationId"}); the text formatters ignore
 * it, and a message's own {@code {0}} parameters are untouched (the map comes last). A message
 * that had no parameters becomes the argument of {@code "{0}"}, so that no formatter reads it as a
 * pattern.
 *
 * <p>On WildFly, whose log manager serves {@code java.util.logging}, the same two values are also put
 * in its mapped diagnostic context, which its formatters print (the JSON formatter as {@code "mdc"}).
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
    private static final Mdc MDC = Mdc.find();
    private static final java.util.concurrent.atomic.AtomicBoolean FAILED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private Logs() {}

    public static Logger get(Class<?> owner) {
        return get(owner.getName());
    }

    public static Logger get(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setFilter(WITH_CONTEXT);
        return logger;
    }

    /**
     * A request begins on this thread: whatever an earlier one left is gone. Returns the request's
     * context, for {@link #endRequest(Object)}.
     */
    public static Object beginRequest(String requestId) {
        Map<String, String> context = new LinkedHashMap<>(2);
        context.put(REQUEST_ID, requestId);
        CONTEXT.set(context);
        if (MDC != null) {
            MDC.remove(ORGANIZATION_ID);
            MDC.put(REQUEST_ID, requestId);
        }
        return context;
    }

    /**
     * The request on this thread acts in this organization. The first one named stays: a request
     * about one organization that also looks at another (an organization's parent) is about the first.
     */
    public static void organization(UUID orgId) {
        Map<String, String> context = CONTEXT.get();
        if (context != null && orgId != null && context.putIfAbsent(ORGANIZATION_ID, orgId.toString()) == null) {
            if (MDC != null) {
                MDC.put(ORGANIZATION_ID, orgId.toString());
            }
        }
    }

    /** Nothing of any request stays on this thread. */
    public static void endRequest() {
        CONTEXT.remove();
        if (MDC != null) {
            MDC.remove(REQUEST_ID);
            MDC.remove(ORGANIZATION_ID);
        }
    }

    /**
     * The request whose context {@link #beginRequest} returned is done; this thread's context is
     * removed only if it is that one (an asynchronous request may end on a thread that serves another).
     */
    public static void endRequest(Object context) {
        if (context != null && CONTEXT.get() == context) {
            endRequest();
        }
    }

    /** What a line logged now on this thread carries (empty outside a request). */
    public static Map<String, String> context() {
        Map<String, String> context = CONTEXT.get();
        return context == null ? Map.of() : Map.copyOf(context);
    }

    private static boolean addContext(LogRecord record) {
        Map<String, String> context = CONTEXT.get();
        if (context == null) {
            if (MDC != null) {
                // WildFly's MDC is inherited by threads started during a request (its pools start
                // them on demand): off a request, none of a request's ids may show
                MDC.remove(REQUEST_ID);
                MDC.remove(ORGANIZATION_ID);
            }
            return true;
        }
        // a copy: Payara's file handler formats on a thread of its own, later
        Map<String, String> copy = Map.copyOf(context);
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0) {
            // A message without parameters was never meant as a pattern, but with one every formatter
            // reads it as one (MessageFormat: a "{0}" in a stored value would print the map, an
            // apostrophe vanish, a "{x}" throw and lose the line). As the only argument of "{0}" it
            // is printed as it is.
            if (record.getMessage() != null) {
                record.setParameters(new Object[] {record.getMessage(), copy});
                record.setMessage("{0}");
            } else {
                record.setParameters(new Object[] {copy});
            }
        } else {
            Object[] with = Arrays.copyOf(parameters, parameters.length + 1);
            with[with.length - 1] = copy;
            record.setParameters(with);
        }
        return true;
    }

    /**
     * WildFly's mapped diagnostic context ({@code org.jboss.logmanager.MDC}, which a log record
     * reads when it is formatted, or copies when handed to an asynchronous handler); null where
     * {@code java.util.logging} has another log manager, or the class is not visible to the
     * application.
     */
    private record Mdc(MethodHandle put, MethodHandle remove) {

        static Mdc find() {
            if (!LogManager.getLogManager().getClass().getName().startsWith("org.jboss.logmanager.")) {
                return null;
            }
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            // the log manager's own loader first: the MDC its records read
            for (ClassLoader loader : new ClassLoader[] {
                LogManager.getLogManager().getClass().getClassLoader(), Logs.class.getClassLoader()
            }) {
                try {
                    Class<?> mdc = Class.forName("org.jboss.logmanager.MDC", true, loader);
                    return new Mdc(
                            lookup.findStatic(
                                    mdc, "put", MethodType.methodType(String.class, String.class, String.class)),
                            lookup.findStatic(mdc, "remove", MethodType.methodType(String.class, String.class)));
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not visible from here; the next loader, or none
                }
            }
            Logger.getLogger(Logs.class.getName())
                    .info(
                            "WildFly's mapped diagnostic context is not visible: log lines carry the request in their parameters only");
            return null;
        }

        void put(String key, String value) {
            call(() -> {
                String ignored = (String) put.invokeExact(key, value);
            });
        }

        void remove(String key) {
            call(() -> {
                String ignored = (String) remove.invokeExact(key);
            });
        }

        /** A call into the MDC; method handles declare {@link Throwable}, and only an Error goes on. */
        private interface Call {
            void run() throws Throwable;
        }

        private static void call(Call call) {
            try {
                call.run();
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                failed(e);
            }
        }

        /** A log context is not worth a request: said once, and the line goes without it. */
        private static void failed(Throwable e) {
            if (!FAILED.getAndSet(true)) {
                Logger.getLogger(Logs.class.getName())
                        .log(java.util.logging.Level.WARNING, "WildFly's MDC refused a value", e);
            }
        }
    }
}
