package io.orgbase.datajob.batch;

import io.orgbase.datajob.ExportOutput;
import java.nio.file.Path;
import java.util.UUID;

/** Where an export's file is written on this member before it is stored. */
final class ExportFiles {

    private ExportFiles() {}

    static Path local(UUID jobId, ExportOutput.Format format) {
        return Path.of(System.getProperty("java.io.tmpdir"), "orgbase-export-" + jobId + "." + format.key());
    }
}
