package io.orgbase.maintenance.control;

import io.orgbase.audit.control.AuditRetention;
import io.orgbase.datajob.control.JobRecovery;
import io.orgbase.mail.MailSender;
import io.orgbase.maintenance.MaintenanceTask;
import io.orgbase.messaging.OutboxRelay;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What each maintenance task does, outside any transaction: each piece it calls commits on its own,
 * and purges that may remove much go in batches, so no transaction grows with the data.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceWork {

    /** Files (or jobs) one purge transaction removes at most. */
    static final int BATCH = 100;

    @Inject
    MaintenanceStatements statements;

    @Inject
    AuditRetention auditRetention;

    @Inject
    JobRecovery dataJobs;

    @EJB
    MailSender mail;

    @EJB
    OutboxRelay outbox;

    /** Days a finished data job is kept ({@code ORGBASE_DATA_JOB_RETENTION_DAYS}, 30; at least 1). */
    public static int dataJobRetentionDays() {
        return Math.max(
                1,
                ConfigProvider.getConfig()
                        .getOptionalValue("ORGBASE_DATA_JOB_RETENTION_DAYS", Integer.class)
                        .orElse(30));
    }

    /** @return how many records the task removed */
    public long perform(MaintenanceTask task) {
        return switch (task) {
            case AUDIT_RETENTION -> auditRetention.applyAll().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            case SIGN_IN_THROTTLE -> statements.signInThrottle();
            case IDEMPOTENCY_RECORDS -> statements.idempotencyRecords();
            case DATA_JOB_FILES -> untilNone(() -> dataJobs.purgeExpiredFiles(BATCH));
            case DATA_JOB_RETENTION -> untilNone(() -> statements.finishedDataJobs(dataJobRetentionDays(), BATCH));
            case MAIL_RETENTION -> mail.forgetOld();
            case PROCESSED_EVENTS -> outbox.forgetOldReceipts();
        };
    }

    /** Calls a bounded purge until it finds nothing more to remove. */
    private static long untilNone(java.util.function.LongSupplier step) {
        long total = 0;
        long removed;
        do {
            removed = step.getAsLong();
            total += removed;
        } while (removed > 0);
        return total;
    }
}
