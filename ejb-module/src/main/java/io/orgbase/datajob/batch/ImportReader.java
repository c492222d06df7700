package io.orgbase.datajob.batch;

import io.orgbase.datajob.ColumnMap;
import io.orgbase.datajob.CsvInput;
import io.orgbase.datajob.DataSpec;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.XlsxInput;
import io.orgbase.datajob.control.ImportSteps;
import io.orgbase.datajob.control.JobFiles;
import io.orgbase.datajob.control.JobRecords;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the uploaded file record by record from a local copy, starting after the rows the job has
 * already staged (the job's own position, committed with them; the runtime's checkpoint is only
 * its echo).
 */
@Named("importReader")
@Dependent
public class ImportReader extends AbstractItemReader {

    /** A record of the file: its row number (the header is row 1), mapped cells and original. */
    public record InputRow(long rowNo, Map<String, String> cells, String original) {}

    @Inject
    JobScope scope;

    @Inject
    ImportSteps steps;

    @Inject
    JobFiles files;

    @Inject
    JobRecords records;

    private Path copy;
    private CsvInput input;
    private ColumnMap columns;
    private long position;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        DataSpec spec = scope.spec();
        JobRecords.Facts facts = scope.facts();
        position = steps.position(scope.tenant(), spec, scope.jobId());
        copy = Files.createTempFile("orgbase-import-", ".csv");
        JobFiles.copy(
                files, scope.orgId(), facts.inputFileId(), copy, () -> records.beat(scope.orgId(), scope.jobId()));
        JsonObject options =
                Json.createReader(new StringReader(facts.options())).readObject();
        if (facts.format().equals("xlsx")) {
            // the sheet, as CSV beside the copy (the same every time, so positions hold on restart)
            Path sheet = Files.createTempFile("orgbase-import-", ".csv");
            try {
                XlsxInput.toCsv(copy, sheet, options.getString("sheet", null));
            } finally {
                Files.delete(copy);
                copy = sheet;
            }
            input = new CsvInput(copy, java.nio.charset.StandardCharsets.UTF_8, ',');
        } else {
            Charset charset = Charset.forName(options.getString("charset", "UTF-8"));
            String delimiter = options.getString("delimiter", ",");
            input = new CsvInput(copy, charset, delimiter.charAt(0));
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        JsonObject explicit = options.getJsonObject("mapping");
        if (explicit != null) {
            explicit.forEach((header, field) -> mapping.put(header, ((JsonString) field).getString()));
        }
        columns = new ColumnMap(input.header(), spec, mapping);
        for (long skipped = 0; skipped < position; skipped++) {
            if (input.next() == null) {
                throw new JobFailure("the file is shorter than when the job began");
            }
        }
    }

    @Override
    public Object readItem() {
        CSVRecord record = input.next();
        if (record == null) {
            return null;
        }
        position++;
        return new InputRow(position + 1, columns.cells(record), columns.original(record));
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }

    @Override
    public void close() throws IOException {
        try {
            if (input != null) {
                input.close();
            }
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }
}
