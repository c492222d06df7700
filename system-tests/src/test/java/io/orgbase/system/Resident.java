package io.orgbase.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process, from Linux's {@code /proc/<pid>/status} (for the figures in the log). */
final class Resident {

    private Resident() {}

    /** The process's resident set in MiB, if it runs and this is Linux. */
    static OptionalLong mebibytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
        } catch (IOException | NumberFormatException unavailable) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** For a log line: "resident 512 MiB", or "resident unknown". */
    static String describe(long pid) {
        OptionalLong mib = pid < 0 ? OptionalLong.empty() : mebibytes(pid);
        return mib.isPresent() ? "resident " + mib.getAsLong() + " MiB" : "resident unknown";
    }
}
