package io.orgbase.datajob.control;

import io.orgbase.datajob.ExportFiles;
import io.orgbase.logging.Logs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resumes data jobs whose member died: 5 s after start-up those of this installation's earlier process (it
 * cannot run any more), and every 30 s, on every member, any whose heartbeat is older than the
 * lease. The job's record says where it stands, so the restarted execution neither skips nor
 * repeats a row.
 */
@Singleton
@Startup
@DependsOn("Database")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobSweep {

    /** A running job's chunks beat far more often than this; a chunk's transaction times out sooner. */
    static final int LEASE_SECONDS = 240;

    private static final Logger LOG = Logs.get(JobSweep.class);

    @Inject
    JobRecovery recovery;

    @Inject
    JobControl control;

    private final AtomicBoolean running = new AtomicBoolean();

    @Resource
    TimerService timers;

    /** Once the application is deployed (the runtime then finds the job's XML and artifacts). */
    @PostConstruct
    void atStart() {
        timers.createSingleActionTimer(5_000, new TimerConfig("data-job-recovery", false));
    }

    @Timeout
    void afterStart(Timer timer) {
        sweep(true);
        ExportFiles.sweepStale(java.time.Duration.ofHours(6));
    }

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    void everyHalfMinute() {
        sweep(false);
    }

    private void sweep(boolean atStart) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (JobRecovery.Orphan orphan : recovery.claim(atStart, LEASE_SECONDS)) {
                resume(orphan);
            }
            for (JobRecovery.Orphan orphan : recovery.unstarted(LEASE_SECONDS)) {
                resume(orphan);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The data job sweep failed; it runs again in 30 s", e);
        } finally {
            running.set(false);
        }
    }

    private void resume(JobRecovery.Orphan orphan) {
        try {
            if (orphan.status().equals("stopping")) {
                recovery.stopped(orphan);
            } else if (orphan.executionId() == null) {
                control.start(JobControl.jobName(orphan.kind()), orphan.orgId(), orphan.jobId());
            } else {
                LOG.info("Resuming data job " + orphan.jobId() + " (execution " + orphan.executionId()
                        + " had no member left)");
                control.restart(orphan.orgId(), orphan.jobId(), orphan.executionId());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not resume data job " + orphan.jobId(), e);
            recovery.failed(orphan, "the job could not be resumed after its server stopped");
        }
    }
}
