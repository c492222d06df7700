package io.orgbase.datajob.batch;

import io.orgbase.datajob.control.ImportSteps;
import io.orgbase.datajob.control.ImportSteps.StageChunk;
import io.orgbase.datajob.control.ImportSteps.StagedRow;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Stages a chunk's rows and advances the job's position, in the chunk's transaction. */
@Named("stageWriter")
@Dependent
public class StageWriter extends AbstractItemWriter {

    @Inject
    JobScope scope;

    @Inject
    ImportSteps steps;

    @Override
    public void writeItems(List<Object> items) {
        List<StagedRow> rows = items.stream().map(StagedRow.class::cast).toList();
        if (rows.isEmpty()) {
            return;
        }
        long position = rows.get(rows.size() - 1).rowNo() - 1;
        steps.stage(scope.tenant(), scope.spec(), new StageChunk(scope.jobId(), rows, position));
    }
}
