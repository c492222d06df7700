package io.orgbase.datajob.batch;

import io.orgbase.datajob.CsvInput;
import io.orgbase.datajob.JobFailure;
import io.orgbase.problems.DomainException;

/** A failure told in words a job's owner can act on, without internals. */
final class Failures {

    private Failures() {}

    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CsvInput.BadFile || cause instanceof JobFailure) {
                return cause.getMessage();
            }
            if (cause instanceof DomainException problem) {
                return problem.getMessage();
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return "the job stopped on an internal error (" + failure.getClass().getSimpleName() + ")";
    }
}
