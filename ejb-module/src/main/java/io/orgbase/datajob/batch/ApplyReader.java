package io.orgbase.datajob.batch;

import io.orgbase.datajob.DataSpec;
import io.orgbase.datajob.control.ImportSteps;
import io.orgbase.datajob.control.ImportSteps.Position;
import io.orgbase.datajob.control.JobRecords;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/** Hands out the staged rows in units, level by level, from where the job's record says it stands. */
@Named("applyReader")
@Dependent
public class ApplyReader extends AbstractItemReader {

    @Inject
    JobScope scope;

    @Inject
    ImportSteps steps;

    private Position position;

    @Override
    public void open(Serializable checkpoint) {
        position = steps.applied(scope.tenant(), scope.spec(), scope.jobId());
    }

    @Override
    public Object readItem() {
        Position next = steps.next(scope.tenant(), scope.spec(), scope.jobId(), position);
        if (next == null) {
            return null;
        }
        JobRecords.Facts facts = scope.facts();
        DataSpec.Unit unit = new DataSpec.Unit(
                scope.orgId(),
                scope.jobId(),
                facts.startedBy(),
                scope.mode(),
                // an all-or-nothing job's check only judges its rows
                facts.dryRun() || next.verifying(),
                next.level(),
                next.level() == position.level() && !next.fromStart() ? position.lastRow() : 0,
                next.lastRow());
        position = next;
        return unit;
    }

    @Override
    public Serializable checkpointInfo() {
        return position.level() + ":" + position.lastRow();
    }
}
