package io.orgbase.datajob.control;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Who runs a job: this host and installation ({@code ORGBASE_HOME}), then this process. An earlier
 * process of the same installation on the same host has ended for good once this one runs, so its
 * jobs are taken over at once rather than after the lease.
 */
public final class Member {

    /** This host and installation, ending in '|'. */
    public static final String HOME = home();

    /** This process: in a container, pid and host repeat across restarts; the random part does not. */
    public static final String ID =
            HOME + ManagementFactory.getRuntimeMXBean().getName() + "/" + java.util.UUID.randomUUID();

    private Member() {}

    private static String home() {
        String host = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^[0-9]+@", "");
        String home = ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_HOME", String.class)
                .map(value -> Path.of(value).toAbsolutePath().normalize().toString())
                .orElse("-");
        return host + "|" + home + "|";
    }
}
