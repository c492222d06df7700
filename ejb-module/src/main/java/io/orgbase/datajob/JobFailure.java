package io.orgbase.datajob;

import java.sql.SQLException;

/**
 * A job step the database refused: the chunk's transaction rolls back and the job fails with the
 * database's reason (never a row's data: the message is PostgreSQL's, without the detail line).
 */
public class JobFailure extends RuntimeException {

    public JobFailure(String message) {
        super(message);
    }

    public JobFailure(SQLException cause) {
        super("the database refused the step: " + firstLine(cause.getMessage()), cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
