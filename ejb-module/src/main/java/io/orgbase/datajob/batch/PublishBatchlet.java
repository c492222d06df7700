package io.orgbase.datajob.batch;

import io.orgbase.datajob.ExportFiles;
import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.control.ExportSteps;
import io.orgbase.datajob.control.JobFiles;
import io.orgbase.tenancy.Tenant;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

/** Stores the finished export in the database as the job's result, then drops the local file. */
@Named("publishBatchlet")
@Dependent
public class PublishBatchlet extends AbstractBatchlet {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    @Inject
    JobScope scope;

    @Inject
    ExportSteps steps;

    @Override
    public String process() throws Exception {
        ExportOutput.Format format = ExportOutput.Format.of(scope.facts().format());
        Path file = ExportFiles.of(scope.jobId());
        if (file == null || !Files.exists(file)) {
            throw new JobFailure("the export's file is gone from this server; restart the job");
        }
        String name = scope.facts().collection() + "-" + STAMP.format(OffsetDateTime.now(ZoneOffset.UTC)) + "."
                + format.key();
        Tenant tenant = scope.tenant();
        UUID fileId = steps.beginResult(tenant, name, format);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = 0; ; n++) {
                byte[] bytes = in.readNBytes(JobFiles.CHUNK);
                if (bytes.length == 0 && n > 0) {
                    break;
                }
                sha.update(bytes);
                size += bytes.length;
                steps.appendResult(tenant, scope.jobId(), fileId, n, bytes);
                if (bytes.length < JobFiles.CHUNK) {
                    break;
                }
            }
        }
        steps.finishResult(tenant, scope.jobId(), fileId, size, HexFormat.of().formatHex(sha.digest()));
        ExportFiles.forget(scope.jobId());
        return "COMPLETED";
    }
}
