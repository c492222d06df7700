package io.orgbase.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch script operators run on Payara Server is the one the launcher gives Payara Micro. */
class BatchRuntimeTest {

    @Test
    void theScriptCreatesThePoolTheResourceTheExecutorAndPointsTheRuntimeAtThem() {
        List<List<String>> commands = BatchRuntime.commands();
        assertThat(commands)
                .extracting(c -> c.get(0))
                .containsExactly(
                        "create-jdbc-connection-pool",
                        "create-jdbc-resource",
                        "create-managed-executor-service",
                        "set-batch-runtime-configuration");
        List<String> pool = commands.get(0);
        assertThat(pool.get(pool.indexOf("--maxpoolsize") + 1)).isEqualTo(Integer.toString(2 * BatchRuntime.THREADS));
        assertThat(pool.get(pool.indexOf("--property") + 1))
                .isEqualTo("url=" + Broker.escape("${ENV=DB_URL}") + ":user=" + Broker.escape("${ENV=DB_USER}")
                        + ":password=" + Broker.escape("${ENV=DB_PASSWORD}") + ":ApplicationName=orgbase-batch");
        assertThat(commands.get(1)).endsWith(BatchRuntime.DATA_SOURCE);
        List<String> executor = commands.get(2);
        assertThat(executor).endsWith(BatchRuntime.EXECUTOR);
        assertThat(executor.get(executor.indexOf("--maximumpoolsize") + 1))
                .isEqualTo(Integer.toString(BatchRuntime.THREADS));
        assertThat(String.join(" ", commands.get(3)))
                .contains("--dataSourceLookupName " + BatchRuntime.DATA_SOURCE)
                .contains("--executorServiceLookupName " + BatchRuntime.EXECUTOR)
                .contains("--schemaName " + BatchRuntime.SCHEMA);
    }
}
