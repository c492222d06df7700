package io.orgbase.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The JAX-RS resources of the web module, as the contract tests walk them. */
final class JaxRs {

    private JaxRs() {}

    /** The classes with a class-level {@code @Path}. */
    static Set<Class<?>> roots() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(OrgbaseApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Set<Class<?>> roots = new HashSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.contains("$")) {
                    Class<?> type = Class.forName(name, false, JaxRs.class.getClassLoader());
                    if (type.isAnnotationPresent(Path.class)) {
                        roots.add(type);
                    }
                }
            }
        }
        return roots;
    }

    /** The roots and every class a sub-resource locator returns. */
    static List<Class<?>> all() throws Exception {
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
