package io.orgbase.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The API contract as the build generated it (process-classes), before it is packaged. */
final class Contract {

    static final Path FILE = Path.of("target", "openapi", "openapi.yaml");

    private Contract() {}

    static String text() {
        try {
            return Files.readString(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the generated contract " + FILE.toAbsolutePath(), e);
        }
    }
}
