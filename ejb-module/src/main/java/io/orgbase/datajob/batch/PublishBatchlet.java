package io.orgbase.datajob.batch;

import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.control.ExportSteps;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
        Path file = ExportFiles.local(scope.jobId(), format);
        if (!Files.exists(file)) {
            throw new JobFailure("the export's file is gone from this server; restart the job");
        }
        String name = scope.facts().collection() + "-" + STAMP.format(OffsetDateTime.now(ZoneOffset.UTC)) + "."
                + format.key();
        steps.publish(scope.tenant(), scope.jobId(), file, name, format);
        Files.deleteIfExists(file);
        return "COMPLETED";
    }
}
