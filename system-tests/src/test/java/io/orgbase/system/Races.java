package io.orgbase.system;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Makes concurrent requests really overlap, so that a race test fails when the protection it tests
 * is gone instead of passing because the requests happened to run one after the other. The rows the
 * requests will write are locked from outside first; the requests are sent, and the lock is let go
 * only once enough of them wait on a lock in the database: by then each has read what it read, in
 * its own transaction, before any of them wrote.
 */
final class Races {

    private Races() {}

    /**
     * @param lockSql a {@code SELECT ... FOR UPDATE} of the rows the calls write, run as superuser
     *     (no row policy), with {@code ?} for {@code ids}
     * @param waiters how many calls must be waiting in the database before the lock is let go
     */
    static <T> List<T> overlapping(String lockSql, List<UUID> ids, int waiters, List<Supplier<T>> calls) {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        // pg_stat_activity is a snapshot for the rest of a transaction: watch from a second connection
        try (Connection db = Orgbase.target().superuser();
                Connection watch = Orgbase.target().superuser()) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement(lockSql)) {
                for (int i = 0; i < ids.size(); i++) {
                    lock.setObject(i + 1, ids.get(i));
                }
                lock.executeQuery().close();
            }
            List<CompletableFuture<T>> running = calls.stream()
                    .map(call -> CompletableFuture.supplyAsync(call, threads))
                    .toList();
            if (!awaitWaiters(watch, waiters)) {
                List<String> seen = activity(watch);
                db.rollback();
                fail("the concurrent requests never waited together on the locked rows; the database did: " + seen
                        + "; the requests answered: "
                        + running.stream().map(CompletableFuture::join).toList());
            }
            db.rollback();
            return running.stream().map(CompletableFuture::join).toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> activity(Connection db) throws SQLException {
        List<String> seen = new java.util.ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("select state, wait_event_type, wait_event, left(query, 120)"
                        + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                seen.add(rows.getString(1) + "/" + rows.getString(2) + "/" + rows.getString(3) + ": "
                        + rows.getString(4));
            }
        }
        return seen;
    }

    private static boolean awaitWaiters(Connection db, int waiters) throws SQLException {
        long deadline = System.nanoTime() + 8_000_000_000L;
        try (PreparedStatement count = db.prepareStatement("select count(*) from pg_stat_activity"
                + " where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
            while (true) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) >= waiters) {
                        return true;
                    }
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
