package io.orgbase.notification.control;

import io.orgbase.logging.Logs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * "These users have new notifications", told to every cluster member, whose open streams then
 * fetch them. Over a topic of Payara's data grid (Hazelcast, JNDI {@code payara/Hazelcast}); the
 * message is the users' ids as text, never a Java object. Best effort: a signal lost with a member
 * costs a client nothing it would not find in the list. Without a data grid, members signal only
 * themselves.
 */
@ApplicationScoped
public class LiveSignals {

    private static final Logger LOG = Logs.get(LiveSignals.class);
    static final String TOPIC = "orgbase.notifications.live";

    private final List<Consumer<Set<UUID>>> listeners = new CopyOnWriteArrayList<>();
    private Grid grid;

    /** The data grid's topic, kept apart so that a server without Hazelcast classes still starts. */
    private static final class Grid {
        private final com.hazelcast.topic.ITopic<String> topic;
        private final UUID registration;

        Grid(Object instance, Consumer<String> receiver) {
            topic = ((com.hazelcast.core.HazelcastInstance) instance).getTopic(TOPIC);
            registration = topic.addMessageListener(message -> receiver.accept(message.getMessageObject()));
        }

        void publish(String text) {
            topic.publish(text);
        }

        void close() {
            topic.removeMessageListener(registration);
        }
    }

    @PostConstruct
    void connect() {
        try {
            Object instance = new InitialContext().lookup("payara/Hazelcast");
            grid = new Grid(instance, this::received);
        } catch (NamingException | RuntimeException | LinkageError unavailable) {
            LOG.log(Level.WARNING, "No data grid here ({0}); live notifications reach this member only", unavailable);
        }
    }

    @PreDestroy
    void disconnect() {
        if (grid != null) {
            try {
                grid.close();
            } catch (RuntimeException shuttingDown) {
                LOG.log(Level.FINE, "leaving the live topic", shuttingDown);
            }
        }
    }

    /** Called for every signal on this member (from a data-grid thread: hand heavy work off). */
    public void listen(Consumer<Set<UUID>> listener) {
        listeners.add(listener);
    }

    public void signal(Collection<UUID> users) {
        if (users.isEmpty()) {
            return;
        }
        String text = users.stream().map(UUID::toString).collect(Collectors.joining(","));
        if (grid != null) {
            try {
                grid.publish(text);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "publishing a live signal failed; this member only", e);
            }
        }
        received(text);
    }

    private void received(String text) {
        Set<UUID> users;
        try {
            users = Arrays.stream(text.split(",")).map(UUID::fromString).collect(Collectors.toSet());
        } catch (IllegalArgumentException notOurs) {
            return;
        }
        for (Consumer<Set<UUID>> listener : listeners) {
            try {
                listener.accept(users);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a live notification listener failed", e);
            }
        }
    }
}
