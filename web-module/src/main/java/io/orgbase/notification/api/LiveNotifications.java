package io.orgbase.notification.api;

import io.orgbase.access.Caller;
import io.orgbase.api.JsonSettings;
import io.orgbase.logging.Logs;
import io.orgbase.notification.Notification;
import io.orgbase.notification.boundary.Notifications;
import io.orgbase.notification.boundary.Notifications.Listed;
import io.orgbase.notification.boundary.Notifications.Position;
import io.orgbase.notification.control.LiveSignals;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open notification streams of this cluster member. When any member delivers notifications, it
 * signals their recipients over the data grid ({@link LiveSignals}); here each stream of those users
 * fetches what it has not sent yet, sends it, then the unread count. Streams get a comment every
 * 20 seconds (so proxies keep them, and dead ones are found) and end when their access token does;
 * a user has at most five, the oldest giving way.
 */
@ApplicationScoped
public class LiveNotifications {

    private static final Logger LOG = Logs.get(LiveNotifications.class);
    static final int MAX_STREAMS_PER_USER = 5;
    private static final int BATCH = 100;
    private static final long HEARTBEAT_SECONDS = 20;
    private static final Duration LOOK_BACK = Duration.ofSeconds(30);
    private static final int SENT_MEMORY = 2_000;
    /** The smallest id in PostgreSQL's order (bytes, unsigned), not Java's. */
    private static final UUID FIRST = new UUID(0, 0);

    @Inject
    Notifications notifications;

    @Inject
    LiveSignals signals;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ContextService context;

    private final Map<UUID, List<Stream>> streams = new ConcurrentHashMap<>();
    private ScheduledFuture<?> heartbeat;

    /** One client's open stream: sends are serialized, and it remembers the last notification sent. */
    final class Stream {
        final Caller caller;
        final SseEventSink sink;
        final Sse sse;
        final Instant expires;
        Position position;
        private final Set<UUID> sent = new LinkedHashSet<>();

        Stream(Caller caller, SseEventSink sink, Sse sse, Instant expires, Position position) {
            this.caller = caller;
            this.sink = sink;
            this.sse = sse;
            this.expires = expires;
            this.position = position;
        }

        /**
         * Sends what it has not sent yet. Notifications are ordered by when their transaction
         * started, and a transaction that started earlier may commit later: each catch-up looks
         * {@link #LOOK_BACK} behind the last one sent and skips what it remembers sending.
         */
        synchronized void catchUp() {
            if (sink.isClosed()) {
                forget(this);
                return;
            }
            Position cursor =
                    position == null ? null : new Position(position.time().minus(LOOK_BACK), FIRST);
            int read;
            do {
                Listed newer = notifications.since(caller, cursor, BATCH);
                read = newer.slice().items().size();
                for (Notification n : newer.slice().items()) {
                    cursor = new Position(n.getCreatedAt(), n.getId());
                    if (!remember(n.getId())) {
                        continue;
                    }
                    send(sse.newEventBuilder()
                            .name("notification")
                            .id(n.getId().toString())
                            .data(JsonSettings.jsonb().toJson(NotificationView.of(n, newer.organizations())))
                            .build());
                    if (position == null || n.getCreatedAt().isAfter(position.time())) {
                        position = new Position(n.getCreatedAt(), n.getId());
                    }
                }
            } while (read == BATCH);
            sendUnread();
        }

        /** Notes that this stream has {@code id} (sent, or older than the stream); false if it had. */
        boolean remember(UUID id) {
            if (!sent.add(id)) {
                return false;
            }
            if (sent.size() > SENT_MEMORY) {
                sent.remove(sent.iterator().next());
            }
            return true;
        }

        synchronized void sendUnread() {
            send(sse.newEventBuilder()
                    .name("unread")
                    .data("{\"total\":" + notifications.unread(caller).total() + "}")
                    .build());
        }

        synchronized void beat(Instant now) {
            if (expires != null && now.isAfter(expires)) {
                send(sse.newEventBuilder()
                        .name("expired")
                        .data("{\"reason\":\"the access token expired; reconnect with a new one\"}")
                        .build());
                close();
            } else {
                send(sse.newEventBuilder().comment("").build());
            }
        }

        private void send(OutboundSseEvent event) {
            if (sink.isClosed()) {
                forget(this);
                return;
            }
            sink.send(event).whenComplete((done, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        }

        void close() {
            forget(this);
            try {
                sink.close();
            } catch (RuntimeException alreadyGone) {
                LOG.log(Level.FINE, "closing a stream", alreadyGone);
            }
        }
    }

    @PostConstruct
    void start() {
        Consumer<Set<UUID>> wake = this::wake;
        @SuppressWarnings("unchecked")
        Consumer<Set<UUID>> contextual = context.createContextualProxy(wake, Consumer.class);
        signals.listen(contextual);
        heartbeat = scheduler.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        streams.values().forEach(list -> list.forEach(Stream::close));
    }

    /**
     * Opens a stream for {@code caller}: after {@code lastEventId} (a notification of theirs a
     * reconnecting client saw last, which replays what came after) or after their newest.
     */
    void open(Caller caller, Instant expires, SseEventSink sink, Sse sse, UUID lastEventId) {
        Position start = notifications.position(caller, lastEventId);
        Stream stream = new Stream(caller, sink, sse, expires, start);
        if (start != null) {
            // the look-back window up to the start is the client's already (in the database's order)
            Position cursor = new Position(start.time().minus(LOOK_BACK), FIRST);
            boolean reached = false;
            while (!reached) {
                Listed known = notifications.since(caller, cursor, BATCH);
                for (Notification n : known.slice().items()) {
                    stream.remember(n.getId());
                    cursor = new Position(n.getCreatedAt(), n.getId());
                    if (n.getId().equals(start.id())) {
                        reached = true;
                        break;
                    }
                }
                reached |= known.slice().items().size() < BATCH;
            }
        }
        List<Stream> mine = streams.compute(caller.userId(), (id, open) -> {
            List<Stream> list = open == null ? new CopyOnWriteArrayList<>() : open;
            list.add(stream);
            return list;
        });
        while (mine.size() > MAX_STREAMS_PER_USER) {
            mine.get(0).close();
        }
        // also what arrived between finding the position and registering
        stream.catchUp();
    }

    private void wake(Set<UUID> users) {
        for (UUID user : users) {
            List<Stream> open = streams.get(user);
            if (open != null && !open.isEmpty()) {
                executor.execute(() -> open.forEach(this::catchUpQuietly));
            }
        }
    }

    private void catchUpQuietly(Stream stream) {
        try {
            stream.catchUp();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "a live stream failed; closing it", e);
            stream.close();
        }
    }

    private void beat() {
        Instant now = Instant.now();
        streams.values()
                .forEach(list -> list.forEach(stream -> {
                    try {
                        stream.beat(now);
                    } catch (RuntimeException e) {
                        stream.close();
                    }
                }));
    }

    private void forget(Stream stream) {
        streams.computeIfPresent(stream.caller.userId(), (id, open) -> {
            open.remove(stream);
            return open.isEmpty() ? null : open;
        });
    }

    /** How many streams are open here (for tests and metrics). */
    int open() {
        return streams.values().stream().mapToInt(List::size).sum();
    }
}
