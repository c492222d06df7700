package io.orgbase.datajob.batch;

import io.orgbase.datajob.DataSpec;
import io.orgbase.datajob.control.ImportSteps;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Applies units of staged rows, each with the job's new position, in the chunk's transaction. */
@Named("applyWriter")
@Dependent
public class ApplyWriter extends AbstractItemWriter {

    @Inject
    JobScope scope;

    @Inject
    ImportSteps steps;

    @Override
    public void writeItems(List<Object> items) {
        for (Object item : items) {
            steps.apply(scope.tenant(), scope.spec(), (DataSpec.Unit) item);
        }
    }
}
