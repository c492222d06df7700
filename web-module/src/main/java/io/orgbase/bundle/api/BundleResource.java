package io.orgbase.bundle.api;

import io.orgbase.api.Cost;
import io.orgbase.bundle.boundary.OrganizationBundles;
import io.orgbase.tenancy.Tenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organization's bundle for its owners: their own backup, the same archive platform administrators download. */
@Tag(name = "organization-bundles")
public class BundleResource {

    private final Tenant tenant;
    private final OrganizationBundles bundles;

    public BundleResource(Tenant tenant, OrganizationBundles bundles) {
        this.tenant = tenant;
        this.bundles = bundles;
    }

    @GET
    @Produces(BundleDownload.ZIP)
    @Cost(BundleDownload.COST)
    @Operation(
            summary = "The organization as one archive (a bundle), its owners' backup; owners only, audited",
            description = "The same archive as a platform administrator's download: a zip of one NDJSON file per"
                    + " table of the organization, its members' accounts (no secrets), its audit trail, and"
                    + " manifest.json (format version, schema version, each file's rows and SHA-256), written from"
                    + " one snapshot of the database; it loads as a new organization here or in another"
                    + " installation. Owners only: other roles get 403, and so does every API key (a bundle holds"
                    + " every member's account and the whole audit trail). Recorded in the organization's trail as"
                    + " organization.bundle-exported (rows, schemaVersion, bytes). Costs "
                    + BundleDownload.COST
                    + " requests of the caller's budget and, like every expensive read, runs at most two at once per"
                    + " caller (ORGBASE_RATE_LIMIT_EXPENSIVE_CONCURRENT; 429 beyond).")
    @APIResponse(responseCode = "200", description = "The bundle", content = @Content(mediaType = BundleDownload.ZIP))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response download() {
        return BundleDownload.of(file -> bundles.exportOwn(tenant, file));
    }
}
