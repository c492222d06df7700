/**
 * Capturing what changes: an EclipseLink listener on every entity records inserts, updates (with
 * old and new values) and deletes into the current transaction's {@link AuditBuffer}; the audit
 * interceptor of the boundaries writes the buffer to the hash-chained audit trail before the
 * transaction commits.
 */
package io.orgbase.audit;
