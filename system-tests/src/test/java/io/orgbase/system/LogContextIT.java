package io.orgbase.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that writes its log as JSON lines names the request and the organization of each line
 * Orgbase logs while serving one (WildFly with server-config's json-log.cli; Payara Micro's run
 * command is checked by RunCommandIT).
 */
class LogContextIT {

    @Test
    void jsonLinesNameTheirRequestAndOrganization() throws Exception {
        Path log = Orgbase.target().jsonLog();
        assumeTrue(log != null, "this target writes no JSON log");
        Session owner = Fixtures.newUser();
        Org org = Fixtures.newOrg(owner);
        String requestId = "log-context-" + Secrets.suffix();
        // a platform administrator's look into an organization is a security event, logged
        assertThat(Fixtures.admin()
                        .api()
                        .withHeader("X-Request-Id", requestId)
                        .get(org.path() + "/departments")
                        .status())
                .isEqualTo(200);
        String line =
                Eventually.get("the security event's line in " + log, Duration.ofSeconds(30), () -> lines(log).stream()
                        .filter(l -> l.contains(requestId) && l.contains("\"loggerName\":\"io.orgbase.security\""))
                        .findFirst());
        JsonObject event = Json.createReader(new StringReader(line)).readObject();
        assertThat(event.getString("loggerName")).isEqualTo("io.orgbase.security");
        assertThat(event.getString("message")).startsWith("platform-admin-access");
        JsonObject mdc = event.getJsonObject("mdc");
        assertThat(mdc.getString("requestId")).isEqualTo(requestId);
        assertThat(mdc.getString("organizationId")).isEqualTo(org.id().toString());
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
