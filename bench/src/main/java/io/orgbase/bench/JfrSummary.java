package io.orgbase.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's CPU went, from a JFR recording (the {@code profile} settings' execution samples):
 * the share of samples in which each layer of the request path is on the stack (inclusive), the
 * methods that were running (self), and the hot path as a call tree of the request threads, pruned
 * below {@code 2%}. Markdown on standard output:
 *
 * <pre>java -cp bench/target/classes io.orgbase.bench.JfrSummary server.jfr</pre>
 */
public final class JfrSummary {

    /** The layers of a request, by the package their frames come from. */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("HTTP (Grizzly)", "org.glassfish.grizzly.");
        LAYERS.put("servlet container and security", "org.apache.catalina.");
        LAYERS.put("JAX-RS (Jersey)", "org.glassfish.jersey.");
        LAYERS.put("MicroProfile JWT and token checks", "fish.payara.microprofile.jwtauth.");
        LAYERS.put("CDI (Weld)", "org.jboss.weld.");
        LAYERS.put("EJB container", "com.sun.ejb.");
        LAYERS.put("JTA", "com.sun.enterprise.transaction.");
        LAYERS.put("JPA (EclipseLink)", "org.eclipse.persistence.");
        LAYERS.put("JDBC driver (pgjdbc)", "org.postgresql.");
        LAYERS.put("JSON-B (Yasson)", "org.eclipse.yasson.");
        LAYERS.put("JSON-P (Parsson)", "org.eclipse.parsson.");
        LAYERS.put("Orgbase's own code", "io.orgbase.");
    }

    private JfrSummary() {}

    /** A node of the call tree: samples that passed through it. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();
        long samples;
    }

    public static void main(String[] args) throws Exception {
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        long total = 0;
        long requests = 0;
        Map<String, Long> inclusive = new LinkedHashMap<>();
        Map<String, Long> self = new HashMap<>();
        Node root = new Node();
        for (RecordedEvent event : events) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0)), 1L, Long::sum);
            String thread = event.getThread("sampledThread") == null
                    ? ""
                    : String.valueOf(event.getThread("sampledThread").getJavaName());
            if (!thread.startsWith("http-thread-pool")) {
                continue;
            }
            requests++;
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (frames.stream().anyMatch(f -> name(f).startsWith(layer.getValue()))) {
                    inclusive.merge(layer.getKey(), 1L, Long::sum);
                }
            }
            Node node = root;
            root.samples++;
            for (int i = frames.size() - 1; i >= 0; i--) {
                node = node.children.computeIfAbsent(name(frames.get(i)), n -> new Node());
                node.samples++;
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%,d execution samples, %,d of them on request threads (%.0f%%)%n%n",
                total,
                requests,
                100.0 * requests / Math.max(1, total)));
        out.append("| layer on the stack (request threads) | share |\n|---|---:|\n");
        for (Map.Entry<String, Long> layer : inclusive.entrySet()) {
            out.append(String.format(
                    Locale.ROOT, "| %s | %.1f%% |%n", layer.getKey(), 100.0 * layer.getValue() / requests));
        }
        out.append("\n| running method (all threads) | share |\n|---|---:|\n");
        long all = total;
        self.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(25)
                .forEach(e -> out.append(
                        String.format(Locale.ROOT, "| `%s` | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / all)));
        out.append("\nThe hot path (request threads, inclusive share, frames below 2% left out;"
                + " a chain of single children is shown on one line each):\n\n```\n");
        tree(root, "", requests, 0, out);
        out.append("```\n");
        System.out.print(out);
    }

    private static void tree(Node node, String nodeName, long requests, int depth, StringBuilder out) {
        for (Map.Entry<String, Node> child : node.children.entrySet()) {
            Node next = child.getValue();
            double share = 100.0 * next.samples / requests;
            if (share < 2) {
                continue;
            }
            long visible = next.children.values().stream()
                    .filter(n -> 100.0 * n.samples / requests >= 2)
                    .count();
            // a straight chain inside one framework is shown only where it enters another one,
            // branches, or runs Orgbase's code: the tree stays readable
            boolean shown = visible != 1
                    || !topPackage(child.getKey()).equals(topPackage(nodeName))
                    || child.getKey().startsWith("io.orgbase.");
            if (shown) {
                out.append("  ".repeat(depth))
                        .append(String.format(Locale.ROOT, "%5.1f%% ", share))
                        .append(child.getKey())
                        .append('\n');
            }
            tree(next, child.getKey(), requests, shown ? depth + 1 : depth, out);
        }
    }

    /** The first two parts of a frame's package ("org.glassfish"), to tell when a chain enters another framework. */
    private static String topPackage(String name) {
        String[] parts = name.split("\\.");
        return parts.length < 3 ? name : parts[0] + "." + parts[1] + "." + parts[2];
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
