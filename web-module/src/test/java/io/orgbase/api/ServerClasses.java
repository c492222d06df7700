package io.orgbase.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The compiled classes of the server's modules (persistence, EJB, web), tests left out, as the
 * rule tests walk them. Imported once per test run: reading every class file takes a second.
 */
public final class ServerClasses {

    private static JavaClasses imported;

    private ServerClasses() {}

    public static synchronized JavaClasses all() {
        if (imported == null) {
            imported = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.orgbase");
        }
        return imported;
    }
}
