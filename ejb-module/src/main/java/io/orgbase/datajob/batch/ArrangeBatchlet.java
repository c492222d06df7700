package io.orgbase.datajob.batch;

import io.orgbase.datajob.control.ImportSteps;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Orders the staged rows (parents first) once staging is done. */
@Named("arrangeBatchlet")
@Dependent
public class ArrangeBatchlet extends AbstractBatchlet {

    @Inject
    JobScope scope;

    @Inject
    ImportSteps steps;

    @Override
    public String process() {
        steps.arrange(scope.tenant(), scope.spec(), scope.jobId());
        return "arranged";
    }
}
