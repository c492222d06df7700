package io.orgbase.access;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.Stateless;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public method of every boundary must say who may call it: a permission in the
 * organization, any signed-in caller, or anyone. A new boundary method without one fails here.
 */
class BoundaryMarkersTest {

    @Test
    void everyBoundaryMethodDeclaresWhoMayCallIt() throws Exception {
        List<Class<?>> boundaries = boundaries();
        assertThat(boundaries).as("boundaries found").hasSizeGreaterThanOrEqualTo(7);

        List<String> unmarked = new ArrayList<>();
        for (Class<?> boundary : boundaries) {
            for (Method method : boundary.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && !marked(method)) {
                    unmarked.add(boundary.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(unmarked).as("boundary methods without an access marker").isEmpty();
    }

    @Test
    void everyBoundaryIsAudited() throws Exception {
        List<String> unaudited = boundaries().stream()
                .filter(boundary -> !boundary.isAnnotationPresent(io.orgbase.audit.Audited.class))
                .map(Class::getSimpleName)
                .toList();
        assertThat(unaudited).as("boundaries without @Audited").isEmpty();
    }

    @Test
    void tenantBoundariesCheckPermissionsAfterEnteringTheTenant() throws Exception {
        for (Class<?> boundary : boundaries()) {
            for (Method method : boundary.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && method.isAnnotationPresent(RequiresPermission.class)
                        || boundary.isAnnotationPresent(RequiresPermission.class)) {
                    boolean takesTenant =
                            Stream.of(method.getParameterTypes()).anyMatch(t -> t == io.orgbase.tenancy.Tenant.class);
                    if (Modifier.isPublic(method.getModifiers())) {
                        assertThat(takesTenant)
                                .as(
                                        "%s.%s needs a Tenant argument to check a permission",
                                        boundary.getSimpleName(), method.getName())
                                .isTrue();
                    }
                }
            }
        }
    }

    /**
     * A request's tenant is resolved (membership checked, 404 for strangers) by the tenant
     * interceptor; a boundary method that took a Tenant without it would see an unresolved one.
     */
    @Test
    void everyMethodTakingATenantEntersIt() throws Exception {
        List<String> notEntering = new ArrayList<>();
        for (Class<?> boundary : boundaries()) {
            for (Method method : boundary.getDeclaredMethods()) {
                boolean takesTenant =
                        Stream.of(method.getParameterTypes()).anyMatch(t -> t == io.orgbase.tenancy.Tenant.class);
                if (Modifier.isPublic(method.getModifiers())
                        && takesTenant
                        && !method.isAnnotationPresent(io.orgbase.tenancy.TenantScoped.class)
                        && !boundary.isAnnotationPresent(io.orgbase.tenancy.TenantScoped.class)) {
                    notEntering.add(boundary.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(notEntering)
                .as("boundary methods taking a Tenant without @TenantScoped")
                .isEmpty();
    }

    private static boolean marked(Method method) {
        Class<?> type = method.getDeclaringClass();
        return method.isAnnotationPresent(RequiresPermission.class)
                || method.isAnnotationPresent(AuthenticatedOnly.class)
                || method.isAnnotationPresent(PublicAccess.class)
                || type.isAnnotationPresent(RequiresPermission.class)
                || type.isAnnotationPresent(AuthenticatedOnly.class)
                || type.isAnnotationPresent(PublicAccess.class);
    }

    /** Stateless beans in any {@code io.orgbase.*.boundary} package of this module's classes. */
    static List<Class<?>> boundaries() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Permission.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.contains(".boundary.") && !name.contains("$")) {
                    Class<?> type = Class.forName(name);
                    if (type.isAnnotationPresent(Stateless.class)) {
                        found.add(type);
                    }
                }
            }
        }
        return found;
    }
}
