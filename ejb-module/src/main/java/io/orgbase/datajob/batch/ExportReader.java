package io.orgbase.datajob.batch;

import io.orgbase.collections.CollectionRequest;
import io.orgbase.datajob.ExportQuery;
import io.orgbase.datajob.ExportSpec;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.control.ExportSteps;
import io.orgbase.problems.InvalidInput;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonString;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the collection page by page through its boundary, as the starter, following the keyset
 * cursor: rows added or removed meanwhile neither shift nor repeat a row. Each row comes out as the
 * values of the export's columns, in order. An export has no side effects, so a restarted one reads
 * from the first row again (no checkpoint).
 */
@Named("exportReader")
@Dependent
public class ExportReader extends AbstractItemReader {

    @Inject
    JobScope scope;

    @Inject
    ExportSteps steps;

    private ExportSpec spec;
    private CollectionRequest query;
    private List<String> fields;
    private Iterator<Map<String, Object>> page = Collections.emptyIterator();
    private String cursor;
    private boolean more = true;

    @Override
    public void open(Serializable checkpoint) {
        spec = scope.exportSpec();
        fields = scope.options().getJsonArray("fields").getValuesAs(JsonString::getString);
        try {
            query = ExportQuery.parse(scope.options().getString("query", ""));
        } catch (InvalidInput e) {
            throw new JobFailure("the export's query is no longer valid: " + e.getMessage());
        }
        steps.begin(scope.tenant(), scope.jobId());
    }

    @Override
    public Object readItem() {
        while (!page.hasNext()) {
            if (!more) {
                return null;
            }
            ExportSpec.Rows rows = steps.page(scope.tenant(), spec, ExportQuery.page(query, cursor));
            cursor = rows.nextCursor();
            more = cursor != null;
            page = rows.rows().iterator();
        }
        Map<String, Object> row = page.next();
        List<Object> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            values.add(row.get(field));
        }
        return values;
    }

    @Override
    public Serializable checkpointInfo() {
        return null;
    }
}
