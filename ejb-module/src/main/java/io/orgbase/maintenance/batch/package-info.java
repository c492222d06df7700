/** The batch artefacts of job {@code orgbase-maintenance}. */
package io.orgbase.maintenance.batch;
