package io.orgbase.notification.control;

import io.orgbase.logging.Logs;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.management.ManagementFactory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Email digests of unread notifications: daily (the day's, from 06:00 UTC) and weekly (the week's,
 * from Monday 06:00 UTC). Every member checks hourly; the first to claim a period in {@code job_run}
 * sends it, so a cluster sends each digest once. A member that dies mid-run stops renewing its
 * lease; another takes the period over and skips the digests already queued (one per person,
 * organization and period).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DigestJob {

    private static final Logger LOG = Logs.get(DigestJob.class);
    static final int HOUR_UTC = 6;
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final String MEMBER = ManagementFactory.getRuntimeMXBean().getName();

    /** What a run did. */
    public record Outcome(String mode, String period, boolean ran, int sent) {}

    @EJB
    DigestSteps steps;

    @Schedule(hour = "*", minute = "7", persistent = false, info = "notification digests")
    public void hourly() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            if (now.getHour() >= HOUR_UTC) {
                run("daily", now.toLocalDate().toString(), Duration.ofDays(1));
            }
            if (now.getDayOfWeek() != DayOfWeek.MONDAY || now.getHour() >= HOUR_UTC) {
                String week = now.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                        + String.format("%02d", now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                run("weekly", week, Duration.ofDays(7));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notification digests failed; the next hour tries again", e);
        }
    }

    /**
     * Sends the {@code mode} digests of {@code period} unless a member has (or is doing so).
     *
     * @param window how far back unread notifications count
     */
    public Outcome run(String mode, String period, Duration window) {
        String job = "digest-" + mode;
        if (!steps.claim(job, period, MEMBER, LEASE)) {
            return new Outcome(mode, period, false, 0);
        }
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(window);
        List<DigestSteps.Recipient> recipients = steps.recipients(mode, since);
        int sent = 0;
        long renewed = System.nanoTime();
        for (DigestSteps.Recipient recipient : recipients) {
            try {
                if (steps.send(recipient, mode, period, since)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A " + mode + " digest for " + recipient + " failed", e);
            }
            if (System.nanoTime() - renewed > LEASE.toNanos() / 3) {
                steps.renew(job, period, LEASE);
                renewed = System.nanoTime();
            }
        }
        steps.finish(job, period, sent);
        int count = sent;
        LOG.info(() -> "Queued " + count + " " + mode + " digests for " + period);
        return new Outcome(mode, period, true, sent);
    }
}
