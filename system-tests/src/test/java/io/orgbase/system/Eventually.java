package io.orgbase.system;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;

/** Waits for what asynchronous work (events, consumers) makes true, and fails with what it last saw. */
final class Eventually {

    private Eventually() {}

    /** Polls until {@code probe} gives a value, at most {@code timeout}; fails naming {@code what}. */
    static <T> T get(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                return Assertions.fail("still not after " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
