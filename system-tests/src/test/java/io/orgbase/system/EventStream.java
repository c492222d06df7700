package io.orgbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A client of a Server-Sent Events stream: the events it received, read on a thread of its own. */
final class EventStream implements AutoCloseable {

    /** One event: its name, id and data (the data lines joined). */
    record Event(String name, String id, String data) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();
    private final Stream<String> lines;
    private final Thread reader;

    private EventStream(Stream<String> lines) {
        this.lines = lines;
        this.reader = new Thread(this::read, "event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    static EventStream open(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).as("stream %s", request.uri()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            return new EventStream(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String[] current = {null, null, null};
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (current[0] != null || current[2] != null) {
                        events.add(new Event(current[0] == null ? "message" : current[0], current[1], current[2]));
                    }
                    current[0] = null;
                    current[1] = null;
                    current[2] = null;
                } else if (line.startsWith("event:")) {
                    current[0] = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    current[1] = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    String data = line.substring(5).strip();
                    current[2] = current[2] == null ? data : current[2] + "\n" + data;
                }
            });
        } catch (RuntimeException closed) {
            // the stream ended or was closed
        }
    }

    /** The next event that matches, waiting at most {@code timeout}; fails with what came instead. */
    Event next(Duration timeout, Predicate<Event> wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
                if (event == null) {
                    throw new AssertionError("no such event within " + timeout + "; received " + seen);
                }
                seen.add(event);
                if (wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Events received and not taken yet, without waiting. */
    List<Event> pending() {
        List<Event> rest = new ArrayList<>();
        events.drainTo(rest);
        seen.addAll(rest);
        return rest;
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
