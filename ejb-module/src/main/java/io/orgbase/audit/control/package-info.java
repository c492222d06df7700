/** Writing the hash-chained audit trail and checking it. */
package io.orgbase.audit.control;
