package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.audit.RequestInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of the web or EJB module is {@code @RequestScoped} itself: Payara hands every instance
 * Weld builds itself to its resource injection, per request and per bean (three such beans were 5%
 * of an item read's CPU). Request state is made with {@code new} by producer methods instead
 * ({@link RequestScopes}, {@link io.orgbase.audit.RequestScopes}).
 */
class RequestScopesTest {

    @Test
    void requestStateComesFromProducersNotFromRequestScopedClasses() throws Exception {
        List<String> classes = new ArrayList<>();
        classes.addAll(classNames(location(Callers.class)));
        classes.addAll(classNames(location(RequestInfo.class)));
        List<String> requestScoped = new ArrayList<>();
        List<String> produced = new ArrayList<>();
        for (String name : classes) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (type.isAnnotationPresent(RequestScoped.class)) {
                requestScoped.add(type.getName());
            }
            Method[] methods;
            try {
                methods = type.getDeclaredMethods();
            } catch (LinkageError missingType) { // a signature naming a class this test's path lacks
                continue;
            }
            for (Method method : methods) {
                if (method.isAnnotationPresent(Produces.class) && method.isAnnotationPresent(RequestScoped.class)) {
                    produced.add(method.getReturnType().getSimpleName());
                }
            }
        }
        assertThat(classes).as("classes found").hasSizeGreaterThan(100);
        assertThat(produced).as("request state produced").contains("Callers", "RequestBudget", "RequestInfo");
        assertThat(requestScoped)
                .as("classes that are @RequestScoped themselves")
                .isEmpty();
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The classes in a directory of compiled classes or in a jar. */
    private static List<String> classNames(Path where) throws Exception {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.walk(where)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> names.add(className(where.relativize(f).toString())));
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String entry = entries.nextElement().getName();
                    if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
                        names.add(className(entry));
                    }
                }
            }
        }
        return names;
    }

    private static String className(String file) {
        return file.replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "");
    }
}
