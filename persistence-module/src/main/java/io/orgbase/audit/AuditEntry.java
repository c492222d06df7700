package io.orgbase.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened, waiting in the transaction's buffer to be written to the audit trail.
 *
 * @param action {@code create}, {@code update}, {@code delete} or a named action ({@code
 *     login-failed}, {@code api-key-revoked}, ...)
 * @param entityType kebab-case entity name ({@code department}, {@code api-key}); null for an
 *     action about no entity
 * @param changes per field: {@code old} and/or {@code new} values, secrets redacted; or details of
 *     a named action
 * @param actor who did it, when not the caller of the boundary (a sign-in names its account)
 */
public record AuditEntry(
        Instant at, String action, String entityType, String entityId, Map<String, Object> changes, Actor actor) {

    public static final String REDACTED = "[redacted]";
}
