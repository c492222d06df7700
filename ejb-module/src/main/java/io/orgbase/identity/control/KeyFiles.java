package io.orgbase.identity.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where Orgbase's own keys live and how they are written: a file named by a setting (environment
 * variable, or a system property of its own name), else generated once under {@code
 * ORGBASE_HOME/keys} readable only by the server's account; and the keys of before the last
 * rotation, still accepted, in a directory beside it.
 */
final class KeyFiles {

    private KeyFiles() {}

    /** The key file the setting names, or {@code ORGBASE_HOME/keys/<defaultName>}. */
    static Path configured(String property, String environment, String defaultName) {
        String configured = System.getProperty(property, System.getenv(environment));
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : OrgbaseHome.path().resolve("keys").resolve(defaultName);
    }

    /**
     * Keys of before the last rotation: the setting's files (comma-separated), else every file
     * ending in {@code suffix} in {@code directory} beside the key file.
     */
    static List<Path> previous(String property, String environment, Path keyFile, String directory, String suffix) {
        String configured = System.getProperty(property, System.getenv(environment));
        if (configured != null && !configured.isBlank()) {
            return Stream.of(configured.split(","))
                    .map(String::strip)
                    .filter(p -> !p.isEmpty())
                    .map(Path::of)
                    .toList();
        }
        Path previous = keyFile.resolveSibling(directory);
        if (!Files.isDirectory(previous)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(previous)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + previous, e);
        }
    }

    /**
     * Writes a new key file readable only by its owner, atomically and exclusively: when another
     * process (a cluster member on shared storage) wrote one meanwhile, theirs is kept.
     */
    static void createOwnerOnly(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
        try {
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // keep the key the other process wrote
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
