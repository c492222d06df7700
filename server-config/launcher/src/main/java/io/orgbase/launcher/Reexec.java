package io.orgbase.launcher;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns this process into a lean JVM that runs the launcher (Linux {@code execve}: same pid, same
 * terminal, same foreground job), so that {@code ./mvnw -Prun} does not keep Maven's JVM — hundreds
 * of MB of build classes and heap — resident beside Orgbase for as long as it runs.
 *
 * <p>Ctrl-C, SIGTERM and SIGKILL reach the launcher exactly as they reached Maven, since it is the
 * same process. Before the exec the calling thread's signal mask is cleared (a JVM thread blocks
 * some signals, and a mask survives {@code execve}), and every descriptor above stderr is marked
 * close-on-exec (Maven's open jars would otherwise stay open in the launcher). Where any of it is
 * unavailable (not Linux, no JNA native library) nothing happens and the caller runs in-process.
 */
final class Reexec {

    private static final Logger LOG = Logger.getLogger(Reexec.class.getName());

    /** The launcher's own JVM: it starts and watches two processes and holds a small mailbox. */
    static final List<String> LAUNCHER_OPTIONS =
            List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

    private static final int SIG_SETMASK = 2; // Linux
    private static final int SIGSET_BYTES = 128; // glibc's sigset_t
    private static final int CLOSE_RANGE_CLOEXEC = 1 << 2;

    private Reexec() {}

    /** The C library calls this needs (glibc names and signatures). */
    interface LibC extends Library {
        int sigprocmask(int how, Pointer set, Pointer old);

        int close_range(int first, int last, int flags);

        int execve(String path, String[] argv, String[] envp);
    }

    /**
     * The command that runs {@code main} in a JVM of its own with the classpath {@code loader} was
     * built from, these options, the {@code orgbase.*} system properties and {@code overrides}; empty
     * when the loader's classpath cannot be read.
     */
    static Optional<List<String>> command(
            ClassLoader loader, Class<?> main, List<String> options, Map<String, String> overrides) {
        Optional<String> classpath = classpath(loader);
        if (classpath.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> properties = new TreeMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (carried(name)) {
                properties.put(name, System.getProperty(name));
            }
        }
        properties.putAll(overrides);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(classpath.get());
        command.add(main.getName());
        return Optional.of(command);
    }

    /**
     * The system properties the new JVM gets from this one: Orgbase's, and those a person sets for
     * the launcher's own work through Maven ({@code MAVEN_OPTS}, {@code -D}): where temporary files
     * go (the database binaries are unpacked there), logging, JNA, TLS and proxies. Maven's own stay.
     */
    static boolean carried(String name) {
        return CARRIED_PREFIXES.stream().anyMatch(name::startsWith) || CARRIED.contains(name);
    }

    private static final List<String> CARRIED_PREFIXES =
            List.of("orgbase.", "java.util.logging.", "jna.", "javax.net.ssl.", "http.", "https.", "socksProxy");

    private static final java.util.Set<String> CARRIED =
            java.util.Set.of("java.io.tmpdir", "user.language", "user.country", "file.encoding");

    private static Optional<String> classpath(ClassLoader loader) {
        if (!(loader instanceof URLClassLoader urls)) {
            return Optional.empty();
        }
        List<String> entries = new ArrayList<>();
        for (URL url : urls.getURLs()) {
            if (!"file".equals(url.getProtocol())) {
                return Optional.empty();
            }
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return entries.isEmpty() ? Optional.empty() : Optional.of(String.join(File.pathSeparator, entries));
    }

    /**
     * Replaces this process with {@code command}, this environment with {@code environment}. Returns
     * only if that was not possible (then nothing changed and the caller goes on in this JVM).
     */
    static void replaceWith(List<String> command, Map<String, String> environment) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (LinkageError | RuntimeException unavailable) {
            LOG.info(() -> "The launcher stays in Maven's JVM (no native access: " + unavailable + ")");
            return;
        }
        String[] envp = environment.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        System.out.flush();
        System.err.flush();
        try {
            // best effort: an older kernel or C library without close_range leaves the descriptors open
            libc.close_range(3, Integer.MAX_VALUE, CLOSE_RANGE_CLOEXEC);
        } catch (LinkageError | RuntimeException olderLibc) {
            LOG.log(Level.FINE, "no close_range: descriptors stay open across exec", olderLibc);
        }
        Memory none = new Memory(SIGSET_BYTES);
        none.clear();
        Memory previous = new Memory(SIGSET_BYTES);
        libc.sigprocmask(SIG_SETMASK, none, previous);
        libc.execve(command.get(0), command.toArray(String[]::new), envp);
        // still here: the exec failed (errno), this JVM goes on as it was
        libc.sigprocmask(SIG_SETMASK, previous, null);
        LOG.fine(() -> "exec of " + command.get(0) + " failed (errno " + Native.getLastError() + ")");
    }
}
