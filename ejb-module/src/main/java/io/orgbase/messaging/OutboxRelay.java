package io.orgbase.messaging;

import io.orgbase.logging.Logs;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves committed outbox rows to JMS. Woken after each commit that wrote events, and every second
 * by a sweep that finds what a crash, a broker outage or a retry's delay left behind. One drain runs
 * at a time per member; members share the work row by row ({@code FOR UPDATE SKIP LOCKED}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logs.get(OutboxRelay.class);
    static final int BATCH = 200;
    private static final long QUIET_MILLIS = 60_000;
    static final int PROCESSED_RETENTION_DAYS = 14;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private final AtomicLong lastComplaint = new AtomicLong();

    @EJB
    OutboxBatch batch;

    /** Drains soon, on another thread (the caller has just committed). */
    @Asynchronous
    public void kick() {
        drain();
    }

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "outbox sweep")
    public void sweep() {
        drain();
    }

    /**
     * Forgets which events consumers applied once no copy of them can still arrive: the outbox
     * hands a message over within seconds and retries end within minutes; a dead letter requeued
     * later is meant to run again. Maintenance task {@code processed-events}.
     *
     * @return how many went
     */
    public int forgetOldReceipts() {
        return batch.forgetProcessedBefore(PROCESSED_RETENTION_DAYS);
    }

    /** Publishes until nothing is due; returns at once when a drain already runs (it will see the rows). */
    void drain() {
        wanted.set(true);
        while (wanted.get() && draining.compareAndSet(false, true)) {
            try {
                wanted.set(false);
                while (batch.publishNext(BATCH) == BATCH) {
                    // a full batch: more may be due
                }
            } catch (RuntimeException e) {
                complain(e);
                return;
            } finally {
                draining.set(false);
            }
        }
    }

    /** The broker or the database is away: said once a minute, not every second. */
    private void complain(RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastComplaint.get();
        if (now - last >= QUIET_MILLIS && lastComplaint.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "Publishing events failed; they stay in the outbox and are retried", e);
        }
    }
}
