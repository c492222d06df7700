/**
 * The Jakarta Batch artifacts of data jobs (job XML in {@code META-INF/batch-jobs}): thin adapters
 * from the runtime's reader, processor, writer and listener calls to {@link
 * io.orgbase.datajob.control.ImportSteps} and {@link io.orgbase.datajob.control.JobRecords}.
 */
package io.orgbase.datajob.batch;
