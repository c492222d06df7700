package io.orgbase.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finds where a server that listens on a fixed set of ports beside one base can start. */
final class PortRanges {

    private PortRanges() {}

    /**
     * A base, a multiple of 100 between {@code lowest} and {@code highest}, with {@code base +
     * port} free for every port. Callers keep the range below the ephemeral ports (32768+), so no
     * outgoing connection takes one meanwhile.
     */
    static int freeBase(int lowest, int highest, int[] ports, String server) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(lowest / 100, highest / 100) * 100;
            if (allFree(base, ports)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range for " + server);
    }

    private static boolean allFree(int base, int[] ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(base + port, 1, InetAddress.getByName("0.0.0.0"))) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
