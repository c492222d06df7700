package io.orgbase.system;

import java.io.IOException;

/** A target whose server the crash tests may kill and start again on the same data. */
interface Restartable extends Target {

    /** {@code kill -9} of the server's JVM; returns once it is gone. */
    void kill();

    /** Starts the server again on the same configuration, store and database; returns once it is ready. */
    void restart() throws IOException, InterruptedException;
}
