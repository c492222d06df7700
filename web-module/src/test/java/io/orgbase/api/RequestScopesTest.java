package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import io.orgbase.audit.RequestInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No class of the web or EJB module is {@code @RequestScoped} itself: Payara hands every instance
 * Weld builds itself to its resource injection, per request and per bean (three such beans were 5%
 * of an item read's CPU). Request state is made with {@code new} by producer methods instead
 * ({@link RequestScopes}, {@link io.orgbase.audit.RequestScopes}).
 */
class RequestScopesTest {

    @Test
    void requestStateComesFromProducersNotFromRequestScopedClasses() {
        List<String> requestScoped = new ArrayList<>();
        List<String> produced = new ArrayList<>();
        for (JavaClass type : ServerClasses.all()) {
            if (type.isAnnotatedWith(RequestScoped.class)) {
                requestScoped.add(type.getName());
            }
            for (JavaMethod method : type.getMethods()) {
                if (method.isAnnotatedWith(Produces.class) && method.isAnnotatedWith(RequestScoped.class)) {
                    produced.add(method.getRawReturnType().getSimpleName());
                }
            }
        }
        assertThat(ServerClasses.all().contain(Callers.class))
                .as("web module seen")
                .isTrue();
        assertThat(ServerClasses.all().contain(RequestInfo.class))
                .as("EJB module seen")
                .isTrue();
        assertThat(produced).as("request state produced").contains("Callers", "RequestBudget", "RequestInfo");
        assertThat(requestScoped)
                .as("classes that are @RequestScoped themselves")
                .isEmpty();
    }
}
