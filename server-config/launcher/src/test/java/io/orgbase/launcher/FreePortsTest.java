package io.orgbase.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeAndAreFree() throws IOException {
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(10_000, FreePorts.ephemeralLow() - 1);
            try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aCallersChoiceAndTheLaunchersOwnNeverMeet() {
        int middle = FreePorts.middle(FreePorts.ephemeralLow());
        assertThat(middle).isBetween(10_001, FreePorts.ephemeralLow() - 1);
        for (int i = 0; i < 50; i++) {
            assertThat(FreePorts.next()).isGreaterThanOrEqualTo(middle);
            assertThat(FreePorts.forOwnChild()).isBetween(10_000, middle - 1);
        }
    }

    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertThat(seen.add(FreePorts.next())).isTrue();
            assertThat(seen.add(FreePorts.forOwnChild())).isTrue();
        }
    }
}
