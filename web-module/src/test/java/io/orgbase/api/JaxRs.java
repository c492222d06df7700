package io.orgbase.api;

import com.tngtech.archunit.core.domain.JavaClass;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The JAX-RS resources of the web module, as the contract tests walk them. */
final class JaxRs {

    private JaxRs() {}

    /** The classes with a class-level {@code @Path}. */
    static Set<Class<?>> roots() {
        Set<Class<?>> roots = new HashSet<>();
        for (JavaClass type : ServerClasses.all()) {
            if (type.isTopLevelClass() && type.isAnnotatedWith(Path.class)) {
                roots.add(type.reflect());
            }
        }
        return roots;
    }

    /** The roots and every class a sub-resource locator returns. */
    static List<Class<?>> all() {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> root : roots()) {
            collect(root, found);
        }
        return found;
    }

    private static void collect(Class<?> resource, List<Class<?>> into) {
        if (into.contains(resource)) {
            return;
        }
        into.add(resource);
        for (Method method : resource.getMethods()) {
            if (method.isAnnotationPresent(Path.class) && httpMethod(method) == null) {
                collect(method.getReturnType(), into);
            }
        }
    }

    /** The HTTP method a resource method answers, or null for a locator or a plain method. */
    static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }
}
