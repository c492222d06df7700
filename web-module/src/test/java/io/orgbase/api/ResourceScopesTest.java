package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.ApplicationPath;
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
     * Resources and providers live as long as the application, so a servlet request, response or
     * session injected into a field or constructor with {@code @Context} is a proxy that looks the
     * current one up in the request's scope: on Payara the first call of each request builds it anew
     * (3.3% of a department read's CPU). What a filter needs of the servlet request comes as a request
     * property ({@link ClientAddress#recorded}); a resource method takes it as a parameter.
     */
    @Test
    void noServletRequestIsInjectedIntoAResourceOrProvider() {
        List<String> injected = new ArrayList<>();
        for (JavaClass type : ServerClasses.all()) {
            for (JavaField field : type.getFields()) {
                if (field.isAnnotatedWith(Context.class) && isServletState(field.getRawType())) {
                    injected.add(type.getSimpleName() + "." + field.getName());
                }
            }
            for (JavaConstructor constructor : type.getConstructors()) {
                for (JavaParameter parameter : constructor.getParameters()) {
                    if (parameter.isAnnotatedWith(Context.class) && isServletState(parameter.getRawType())) {
                        injected.add(type.getSimpleName() + "("
                                + parameter.getRawType().getSimpleName() + ")");
                    }
                }
            }
        }
        assertThat(injected)
                .as("@Context servlet requests, responses or sessions held")
                .isEmpty();
    }

    private static boolean isServletState(JavaClass type) {
        return type.isAssignableTo(ServletRequest.class)
                || type.isAssignableTo(ServletResponse.class)
                || type.isAssignableTo(HttpSession.class);
    }

    /**
     * The JAX-RS filters read the client address {@link ClientAddressFilter} records, so it must see
     * every REST request; and a servlet filter in front of a resource must be async-capable, or the
     * container refuses the notification stream's suspended request (Server-Sent Events).
     */
    @Test
    void servletFiltersInFrontOfTheApiCoverItAndAllowAsync() {
        String api = "/"
                + OrgbaseApplication.class.getAnnotation(ApplicationPath.class).value() + "/";
        WebFilter recorder = ClientAddressFilter.class.getAnnotation(WebFilter.class);
        assertThat(covers(recorder.urlPatterns(), api))
                .as("ClientAddressFilter covers %s", api)
                .isTrue();
        List<String> synchronous = new ArrayList<>();
        for (JavaClass type : ServerClasses.all()) {
            if (type.isAnnotatedWith(WebFilter.class)) {
                WebFilter filter = type.reflect().getAnnotation(WebFilter.class);
                String[] patterns = filter.urlPatterns().length > 0 ? filter.urlPatterns() : filter.value();
                if (covers(patterns, api) && !filter.asyncSupported()) {
                    synchronous.add(type.getSimpleName());
                }
            }
        }
        assertThat(synchronous)
                .as("filters on the API that are not async-capable")
                .isEmpty();
    }

    /** Whether one of these servlet URL patterns matches every path under {@code prefix}. */
    private static boolean covers(String[] patterns, String prefix) {
        for (String pattern : patterns) {
            if (pattern.endsWith("/*") && prefix.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
