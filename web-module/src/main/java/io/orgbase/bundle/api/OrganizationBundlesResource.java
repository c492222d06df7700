package io.orgbase.bundle.api;

import io.orgbase.access.Caller;
import io.orgbase.api.Callers;
import io.orgbase.api.Cost;
import io.orgbase.bundle.boundary.OrganizationBundles;
import io.orgbase.bundle.boundary.OrganizationBundles.Imported;
import io.orgbase.bundle.control.BundleLoader.TableCount;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.PayloadTooLarge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Organization bundles, for platform administrators: download an organization as one archive, and
 * load an archive as a new organization (with {@code dryRun=true}: check it and report what
 * loading would do, changing nothing). Owners download their own organization's below it ({@link
 * BundleResource}).
 */
@Path("admin")
@ApplicationScoped
@Tag(name = "organization-bundles")
public class OrganizationBundlesResource {

    static final String ZIP = BundleDownload.ZIP;

    @Inject
    Callers callers;

    @Inject
    OrganizationBundles bundles;

    /** The most a bundle upload may hold ({@code ORGBASE_BUNDLE_MAX_BYTES}, 4 GiB unless set). */
    static long maxBytes() {
        return ConfigProvider.getConfig()
                .getOptionalValue("ORGBASE_BUNDLE_MAX_BYTES", Long.class)
                .orElse(4L << 30);
    }

    /** A load's answer. */
    public record ImportView(
            UUID id,
            String slug,
            String name,
            String code,
            boolean dryRun,
            JsonObject source,
            String schemaVersion,
            String sha256,
            long rows,
            Map<String, TableCount> tables,
            Accounts accounts) {}

    /** Members' accounts: found here by email, or created (without a password). */
    public record Accounts(int matched, int created) {}

    @GET
    @Path("organizations/{id}/bundle")
    @Produces(ZIP)
    @Cost(BundleDownload.COST)
    @Operation(
            summary = "The organization as one archive (a bundle); platform administrators only, audited",
            description = "A zip of one NDJSON file per table of the organization, its members' accounts (no"
                    + " secrets), its audit trail, and manifest.json (format version, schema version, each file's"
                    + " rows and SHA-256). Written from one snapshot of the database. Costs "
                    + BundleDownload.COST
                    + " requests of the caller's budget and, like every expensive read, runs at most two at once per"
                    + " caller (ORGBASE_RATE_LIMIT_EXPENSIVE_CONCURRENT). Owners download their own organization's"
                    + " at GET /api/v1/orgs/{org}/bundle.")
    @APIResponse(responseCode = "200", description = "The bundle", content = @Content(mediaType = ZIP))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response export(@PathParam("id") UUID id) {
        Caller caller = callers.currentUser();
        return BundleDownload.of(file -> bundles.export(caller, id, file));
    }

    @POST
    @Path("organization-bundles")
    @Consumes({ZIP, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Load a bundle as a new organization; platform administrators only, audited",
            description = "The body is the archive. slug, name and code name the new organization (the bundle's"
                    + " by default). Every row gets a new id, references kept; members are matched to accounts"
                    + " by email, and those without one get an account without a password (they set one through"
                    + " \"forgot password\"). One transaction: a load that fails leaves nothing. dryRun=true"
                    + " checks everything the same way, reports it, and keeps nothing. Archives of an older"
                    + " schema version load (columns added since take their defaults); newer ones are refused.")
    @APIResponse(
            responseCode = "201",
            description = "Loaded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportView.class)))
    @APIResponse(
            responseCode = "200",
            description = "Dry run: what loading would do",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    public Response load(
            InputStream body,
            @QueryParam("slug") String slug,
            @QueryParam("name") String name,
            @QueryParam("code") String code,
            @QueryParam("dryRun") String dryRun) {
        boolean dry = flag(dryRun);
        Caller caller = callers.currentUser();
        if (!caller.platformAdmin()) {
            // before the body is read: nobody else may make the server store gigabytes
            throw new Forbidden("Only platform administrators import organization bundles.");
        }
        java.nio.file.Path file = null;
        try {
            file = Files.createTempFile("orgbase-bundle-upload-", ".zip");
            receive(body, file, maxBytes());
            Imported imported = bundles.load(caller, file, slug, name, code, dry);
            ImportView view = new ImportView(
                    imported.id(),
                    imported.slug(),
                    imported.name(),
                    imported.code(),
                    imported.dryRun(),
                    imported.source(),
                    imported.schemaVersion(),
                    imported.sha256(),
                    imported.loaded().loaded(),
                    imported.loaded().tables(),
                    new Accounts(
                            imported.loaded().usersMatched(), imported.loaded().usersCreated()));
            if (dry) {
                return Response.ok(view).build();
            }
            return Response.status(Response.Status.CREATED)
                    .header("Location", "/api/v1/orgs/" + imported.slug())
                    .entity(view)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                BundleDownload.delete(file);
            }
        }
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw InvalidInput.field("dryRun", "must be true or false");
    }

    /** Streams the body to the file; refuses it past {@code limit} bytes. */
    private static void receive(InputStream body, java.nio.file.Path file, long limit) throws IOException {
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                size += n;
                if (size > limit) {
                    throw new PayloadTooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
