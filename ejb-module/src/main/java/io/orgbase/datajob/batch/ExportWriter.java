package io.orgbase.datajob.batch;

import io.orgbase.datajob.DataJobLimits;
import io.orgbase.datajob.ExportFiles;
import io.orgbase.datajob.ExportOutput;
import io.orgbase.datajob.ExportQuery;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.control.ExportSteps;
import io.orgbase.problems.InvalidInput;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * Writes the rows to the export's local file in its format ({@link ExportFiles}); the job's
 * count of rows advances with each chunk. The file is finished when the step ends.
 */
@Named("exportWriter")
@Dependent
public class ExportWriter extends AbstractItemWriter {

    @Inject
    JobScope scope;

    @Inject
    ExportSteps steps;

    private ExportOutput output;
    private ExportOutput.Format format;
    private long written;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        format = ExportOutput.Format.of(scope.facts().format());
        List<String> fields = scope.options().getJsonArray("fields").getValuesAs(JsonString::getString);
        String words;
        try {
            words = ExportQuery.words(ExportQuery.parse(scope.options().getString("query", "")));
        } catch (InvalidInput e) {
            throw new JobFailure("the export's query is no longer valid: " + e.getMessage());
        }
        ExportOutput.Report report = steps.report(scope.tenant(), scope.facts().collection(), fields, words);
        output = format.open(ExportFiles.create(scope.jobId(), format), report);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void writeItems(List<Object> items) throws IOException {
        if (written + items.size() > DataJobLimits.exportMaxRows()) {
            throw new JobFailure("an export holds at most " + DataJobLimits.exportMaxRows()
                    + " rows, and the collection has grown past it since the export began: narrow the query");
        }
        if (format == ExportOutput.Format.PDF && written + items.size() > DataJobLimits.pdfMaxRows()) {
            throw new JobFailure("a PDF holds at most " + DataJobLimits.pdfMaxRows()
                    + " rows, and the collection has grown past it since the export began: choose csv or xlsx");
        }
        for (Object item : items) {
            output.row((List<Object>) item);
        }
        written += items.size();
        steps.progress(scope.tenant(), scope.jobId(), items.size());
    }

    @Override
    public void close() throws IOException {
        if (output != null) {
            output.close();
            output = null;
        }
    }
}
