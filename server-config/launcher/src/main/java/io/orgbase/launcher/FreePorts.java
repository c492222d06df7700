package io.orgbase.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nobody listens on right now, for the pieces that must not collide with anything else.
 *
 * <p>They are taken below the kernel's ephemeral range: a port from that range can be handed to
 * some outgoing connection (a JDBC pool, an HTTP client) between the moment it is found free and
 * the moment the server binds it — seconds later, after PostgreSQL has started — and the server
 * then comes up without its HTTP listener.
 *
 * <p>Two processes choose ports here at once: a test (or benchmark) chooses the port the server it
 * starts will listen on, and the launcher it starts chooses ports for its own children (database,
 * mailbox, data grid) before that server binds. Each draws from its own band, so the launcher can
 * never take the port its caller chose and has not bound yet (a CI run saw the embedded database
 * start on the HTTP port the test had just chosen). Within one JVM no port is handed out twice.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A port for a server another process will be told to listen on (the upper band). */
    public static int next() {
        int below = ephemeralLow();
        return pick(middle(below), below);
    }

    /**
     * A port for a child this process starts itself (the lower band), never one a caller chose with
     * {@link #next()} for this process to listen on.
     */
    public static int forOwnChild() {
        return pick(LOWEST, middle(ephemeralLow()));
    }

    static int middle(int below) {
        return LOWEST + Math.max(0, below - LOWEST) / 2;
    }

    private static int pick(int from, int below) {
        for (int attempt = 0; attempt < ATTEMPTS && below > from + 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(from, below);
            if (!HANDED_OUT.contains(candidate) && bindable(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        // no room below the ephemeral range (a range starting low): the kernel's choice, which some
        // outgoing connection may take before it is bound; at least never handed out twice here
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The first port the kernel hands out to outgoing connections (Linux; 32768 elsewhere). */
    static int ephemeralLow() {
        // read as a stream: Files.readString trusts the size /proc reports and returns one character
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            return 32_768;
        }
    }
}
