package io.orgbase.notification.boundary;

import io.orgbase.access.Caller;
import io.orgbase.access.PlatformAdminOnly;
import io.orgbase.audit.Audited;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.notification.control.DigestJob;
import io.orgbase.problems.InvalidInput;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Notification digests sent on an operator's word rather than the schedule's (after an outage,
 * or to try the mail setup): the same job, for a period of its own.
 */
@Stateless
@Audited
public class Digests {

    @EJB
    DigestJob job;

    @Inject
    AuditTrail trail;

    /**
     * Sends the {@code daily} or {@code weekly} digests now, covering the last day or week; people
     * may get a digest twice then (this and the scheduled one).
     *
     * @throws InvalidInput for another mode
     */
    @PlatformAdminOnly("send notification digests")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public DigestJob.Outcome sendNow(Caller caller, String mode) {
        Duration window =
                switch (mode) {
                    case "daily" -> Duration.ofDays(1);
                    case "weekly" -> Duration.ofDays(7);
                    default -> throw InvalidInput.field("mode", "must be daily or weekly");
                };
        DigestJob.Outcome outcome = job.run(mode, "manual-" + Instant.now(), window);
        trail.record(
                "notification-digests-sent", "digest", outcome.period(), Map.of("mode", mode, "sent", outcome.sent()));
        return outcome;
    }
}
