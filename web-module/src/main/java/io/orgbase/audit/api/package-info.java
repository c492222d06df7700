/** The audit trail over HTTP: an organization's entries, the platform's, and chain checks. */
package io.orgbase.audit.api;
