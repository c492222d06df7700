package io.orgbase.bundle.api;

import io.orgbase.bundle.boundary.OrganizationBundles.Exported;
import io.orgbase.logging.Logs;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The answer of both ways to download a bundle (a platform administrator's, an owner's): the
 * boundary writes it into a temporary file, which is sent as an attachment never to be cached and
 * deleted once sent, or at once when writing it failed.
 */
final class BundleDownload {

    static final String ZIP = "application/zip";

    /**
     * What one download costs of the caller's budget ({@code @Cost}): it reads every table of the
     * organization and its whole audit trail, more than walking the audit chain (20). At the default
     * budget (600 a minute) that is ten a minute, and like every expensive read at most two at once
     * per principal (429 at once for a third).
     */
    static final int COST = 60;

    private static final Logger LOG = Logs.get(BundleDownload.class);

    private BundleDownload() {}

    /** @param export writes the bundle into the file it is given (the boundary call) */
    static Response of(Function<Path, Exported> export) {
        Path file;
        try {
            file = Files.createTempFile("orgbase-bundle-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Exported exported;
        try {
            exported = export.apply(file);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        StreamingOutput body = output -> {
            try {
                Files.copy(file, output);
            } finally {
                delete(file);
            }
        };
        String name = exported.slug() + "-" + LocalDate.now(ZoneOffset.UTC) + ".orgbundle.zip";
        return Response.ok(body, ZIP)
                .header("Content-Length", exported.bytes())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning(() -> "Could not delete " + file + ": " + e.getMessage());
        }
    }
}
