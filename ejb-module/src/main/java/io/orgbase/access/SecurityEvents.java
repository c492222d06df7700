package io.orgbase.access;

import io.orgbase.audit.control.AuditTrail;
import io.orgbase.logging.Logs;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Records security events in the audit trail (and the log). Written in the caller's transaction:
 * an action that is rolled back leaves no event behind. (Before the audit trail existed they went
 * to {@code security_event}, which keeps those older entries.)
 */
@Dependent
public class SecurityEvents {

    private static final Logger SECURITY = Logs.get("io.orgbase.security");

    @Inject
    AuditTrail trail;

    public void record(String kind, Caller caller, UUID orgId, String detail) {
        SECURITY.info(() -> kind + " by " + caller.describe() + " in " + orgId + ": " + detail);
        trail.record(kind, "organization", orgId, Map.of("detail", detail));
    }
}
