package io.orgbase.datajob.batch;

import io.orgbase.datajob.control.ImportSteps.StagedRow;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Checks a row by the collection's rules (the API's constraints), before it is staged. */
@Named("stageProcessor")
@Dependent
public class StageProcessor implements ItemProcessor {

    @Inject
    JobScope scope;

    @Override
    public Object processItem(Object item) {
        ImportReader.InputRow row = (ImportReader.InputRow) item;
        return new StagedRow(row.rowNo(), scope.spec().check(row.cells(), scope.mode()), row.original());
    }
}
