package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Context;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Root resources are application-scoped. A request-scoped one is built for every request, and
 * with it a Weld proxy for every enterprise bean it injects, each through a JNDI lookup in
 * Payara: a twelfth of the server's CPU in the read-path benchmark's profile. Resources hold
 * nothing but injected beans; what belongs to the request arrives as method parameters or
 * through {@link Callers}' request-scoped proxy.
 */
class ResourceScopesTest {

    @Test
    void everyRootResourceIsApplicationScoped() {
        List<String> roots = new ArrayList<>();
        List<String> otherwise = new ArrayList<>();
        for (Class<?> root : JaxRs.roots()) {
            roots.add(root.getSimpleName());
            if (!root.isAnnotationPresent(ApplicationScoped.class)) {
                otherwise.add(root.getSimpleName());
            }
        }
        assertThat(roots).as("root resources found").contains("OrganizationsResource", "AuthResource");
        assertThat(otherwise).as("root resources not @ApplicationScoped").isEmpty();
    }

    /**
     * An application-scoped bean is reached through a client proxy, which Weld cannot make for a
     * class with a final method anywhere up its hierarchy: the request would fail with a 500 at
     * its first call (as {@code CollectionResource}'s helpers once did for the vocabularies).
     */
    @Test
    void rootResourcesCanBeProxied() {
        List<String> finals = new ArrayList<>();
        for (Class<?> root : JaxRs.roots()) {
            for (Class<?> type = root; type != null && type != Object.class; type = type.getSuperclass()) {
                for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                    int modifiers = method.getModifiers();
                    if (java.lang.reflect.Modifier.isFinal(modifiers)
                            && !java.lang.reflect.Modifier.isStatic(modifiers)
                            && !java.lang.reflect.Modifier.isPrivate(modifiers)) {
                        finals.add(root.getSimpleName() + ": " + method);
                    }
                }
            }
            assertThat(java.lang.reflect.Modifier.isFinal(root.getModifiers()))
                    .as("%s is final", root.getSimpleName())
                    .isFalse();
        }
        assertThat(finals).as("final methods on proxied resources").isEmpty();
    }

    /**
     * Resources and providers live as long as the application, so a servlet request or response
     * injected into a field with {@code @Context} is a proxy that looks the current one up in the
     * request's scope: on Payara the first call of each request builds it anew, about 3% of an item
     * read's CPU. What a filter needs of the servlet request comes as a request property
     * ({@link ClientAddress#recorded}); a resource method takes it as a parameter.
     */
    @Test
    void noServletRequestIsInjectedIntoAField() {
        List<String> fields = new ArrayList<>();
        for (JavaClass type : ServerClasses.all()) {
            for (JavaField field : type.getFields()) {
                if (field.isAnnotatedWith(Context.class)
                        && (field.getRawType().isAssignableTo(HttpServletRequest.class)
                                || field.getRawType().isAssignableTo(HttpServletResponse.class))) {
                    fields.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertThat(fields).as("@Context servlet request or response fields").isEmpty();
    }
}
