package io.orgbase.datajob.batch;

import io.orgbase.datajob.DataSpec;
import io.orgbase.datajob.DataSpecs;
import io.orgbase.datajob.ExportSpec;
import io.orgbase.datajob.JobFailure;
import io.orgbase.datajob.control.JobCallers;
import io.orgbase.datajob.control.JobRecords;
import io.orgbase.tenancy.Tenant;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;

/** What every artifact of a data job knows: the job, its organization, its facts and its collection. */
@Dependent
public class JobScope {

    @Inject
    JobContext context;

    @Inject
    JobCallers callers;

    @Inject
    DataSpecs specs;

    public UUID jobId() {
        return UUID.fromString(context.getProperties().getProperty("dataJobId"));
    }

    public UUID orgId() {
        return UUID.fromString(context.getProperties().getProperty("orgId"));
    }

    /** As the job listener found them when this execution began. */
    public JobRecords.Facts facts() {
        Object facts = context.getTransientUserData();
        if (!(facts instanceof JobRecords.Facts known)) {
            throw new JobFailure("the job's record was not read when it began");
        }
        return known;
    }

    public DataSpec spec() {
        return specs.find(facts().collection())
                .orElseThrow(() -> new JobFailure("no collection named " + facts().collection() + " is importable"));
    }

    public ExportSpec exportSpec() {
        return specs.findExport(facts().collection())
                .orElseThrow(() -> new JobFailure("no collection named " + facts().collection() + " is exportable"));
    }

    /** The job's options, as it was started with them. */
    public JsonObject options() {
        return Json.createReader(new StringReader(facts().options())).readObject();
    }

    /** A fresh tenant: the boundary call that takes it checks the starter's rights again. */
    public Tenant tenant() {
        JobRecords.Facts facts = facts();
        JsonObject options = options();
        List<String> methods = options.containsKey("signInMethods")
                ? options.getJsonArray("signInMethods").getValuesAs(JsonString::getString)
                : List.of();
        return callers.tenant(orgId(), facts.startedBy(), facts.startedByKey(), methods);
    }

    public DataSpec.Mode mode() {
        return DataSpec.Mode.of(facts().mode());
    }
}
