package io.orgbase.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogsTest {

    private final Logger logger = Logs.get(LogsTest.class);
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(capture);
        Logs.endRequest();
    }

    private static Object context(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters == null ? null : parameters[parameters.length - 1];
    }

    private static String text(LogRecord record) {
        return new SimpleFormatter().formatMessage(record);
    }

    @Test
    void aLineCarriesItsRequestAndOrganizationAfterItsOwnParameters() {
        UUID org = UUID.randomUUID();
        Logs.beginRequest("req-1");
        logger.info("before the organization is known");
        Logs.organization(org);
        logger.log(Level.WARNING, "refused {0} of {1}", new Object[] {"a", "b"});

        assertThat(context(records.get(0))).isEqualTo(Map.of(Logs.REQUEST_ID, "req-1"));
        assertThat(text(records.get(0))).isEqualTo("before the organization is known");
        assertThat(records.get(1).getParameters())
                .containsExactly("a", "b", Map.of(Logs.REQUEST_ID, "req-1", Logs.ORGANIZATION_ID, org.toString()));
        assertThat(text(records.get(1))).isEqualTo("refused a of b");
    }

    @Test
    void aMessageWithoutParametersIsNeverReadAsAPattern() {
        Logs.beginRequest("req-1");
        // stored values end up in messages: braces and apostrophes are text, not a pattern
        String stored = "Key (code)=({0}, {x}, O'Brien's) already exists";
        logger.info(stored);
        logger.info(() -> stored);

        assertThat(records).extracting(LogsTest::text).containsExactly(stored, stored);
        assertThat(context(records.get(0))).isEqualTo(Map.of(Logs.REQUEST_ID, "req-1"));
    }

    @Test
    void theFirstOrganizationARequestNamesIsTheOneItsLinesName() {
        UUID org = UUID.randomUUID();
        Logs.beginRequest("req-1");
        Logs.organization(org);
        Logs.organization(UUID.randomUUID()); // its parent, looked at on the way
        logger.info("changed");

        assertThat(context(records.get(0)))
                .isEqualTo(Map.of(Logs.REQUEST_ID, "req-1", Logs.ORGANIZATION_ID, org.toString()));
    }

    @Test
    void aNewRequestOrTheEndOfOneLeavesNothingOfTheLast() {
        Logs.beginRequest("req-1");
        Logs.organization(UUID.randomUUID());
        Logs.beginRequest("req-2");
        logger.info("second");
        Logs.endRequest();
        logger.info("outside any request");
        Logs.organization(UUID.randomUUID()); // no request: nothing to add it to
        logger.info("still outside");

        assertThat(context(records.get(0))).isEqualTo(Map.of(Logs.REQUEST_ID, "req-2"));
        assertThat(records.get(1).getParameters()).isNull();
        assertThat(records.get(2).getParameters()).isNull();
        assertThat(Logs.context()).isEmpty();
    }

    @Test
    void theEndOfAnotherRequestLeavesThisOnesContext() {
        Object first = Logs.beginRequest("req-1");
        Object second = Logs.beginRequest("req-2");
        // an asynchronous first request ends on the thread now serving the second
        Logs.endRequest(first);
        assertThat(Logs.context()).isEqualTo(Map.of(Logs.REQUEST_ID, "req-2"));
        Logs.endRequest(second);
        assertThat(Logs.context()).isEmpty();
    }

    @Test
    void aRecordKeepsTheContextItWasLoggedIn() {
        Logs.beginRequest("req-1");
        logger.info("logged");
        Logs.organization(UUID.randomUUID());
        // a handler that formats later (Payara's file handler) still sees the request as it was
        assertThat(context(records.get(0))).isEqualTo(Map.of(Logs.REQUEST_ID, "req-1"));
    }
}
