package io.orgbase.logging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.orgbase.api.ServerClasses;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every Orgbase logger comes from {@link Logs}, so that every line names its request and
 * organization. Checked on the compiled classes of the server's modules (persistence, EJB, web).
 */
class LoggersTest {

    private static final JavaClasses CLASSES = ServerClasses.all();

    @Test
    void theRuleSeesTheModules() {
        assertThat(CLASSES.contain("io.orgbase.access.SecurityEvents")).isTrue();
        assertThat(CLASSES.contain("io.orgbase.api.RequestContextFilter")).isTrue();
        assertThat(CLASSES.contain("io.orgbase.persistence.SessionDefaults")).isTrue();
    }

    @Test
    void noLoggerIsTakenAroundTheContext() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(Logs.class.getName())
                // its own parts (WildFly's MDC) log without the context they keep
                .and()
                .haveNameNotMatching(java.util.regex.Pattern.quote(Logs.class.getName() + "$") + ".*")
                // it only raises the level of one of Payara's own loggers
                .and()
                .doNotHaveFullyQualifiedName("io.orgbase.problems.QuietClientErrors")
                // the SOAP clients generated from the contracts
                .and()
                .areNotAssignableTo(jakarta.xml.ws.Service.class)
                .should()
                .callMethod(Logger.class, "getLogger", String.class)
                .orShould()
                .callMethod(Logger.class, "getLogger", String.class, String.class)
                .orShould()
                .callMethod(Logger.class, "getAnonymousLogger")
                .because("Logs.get gives each line its request id and organization")
                .check(CLASSES);
    }
}
