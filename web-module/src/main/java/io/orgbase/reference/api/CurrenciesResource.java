package io.orgbase.reference.api;

import io.orgbase.api.Callers;
import io.orgbase.api.ETags;
import io.orgbase.api.Items;
import io.orgbase.api.Tagged;
import io.orgbase.reference.Currency;
import io.orgbase.reference.boundary.Currencies;
import io.orgbase.reference.boundary.Currencies.CurrencyChange;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import io.orgbase.requests.Patch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** ISO 4217 currencies. */
@Path("currencies")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reference")
public class CurrenciesResource {

    @Inject
    Callers callers;

    @Inject
    Currencies currencies;

    public record CurrencyView(
            String code, String numericCode, String name, String symbol, int minorUnits, boolean active, long version)
            implements Tagged {

        @Override
        public Long etagVersion() {
            return version;
        }

        static CurrencyView of(Currency c) {
            return new CurrencyView(
                    c.getCode(),
                    c.getNumericCode(),
                    c.getName(),
                    c.getSymbol(),
                    c.getMinorUnits(),
                    c.isActive(),
                    c.getVersion());
        }
    }

    @GET
    @Operation(
            summary = "ISO 4217 currencies (seeded; withdrawn ones inactive)",
            description = "Sortable: code (default), name. Filterable: those, numericCode, active, minorUnits; q "
                    + "searches code and name. Any credentials (API keys too).")
    @APIResponse(
            responseCode = "200",
            description = "A page of currencies",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "CurrencyPage")))
    public Items<CurrencyView> list(@Context UriInfo uri) {
        return Items.of(currencies.list(callers.current(), CollectionParams.from(uri)), CurrencyView::of);
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One of them")
    @APIResponse(
            responseCode = "200",
            description = "Found",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Currency")))
    public CurrencyView get(@PathParam("code") String code) {
        return CurrencyView.of(currencies.get(callers.current(), code));
    }

    /** Platform administrators: rename, change the symbol, switch on or off. */
    @PATCH
    @Path("{code}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change it (platform administrators; its code never changes)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "CurrencyPatch")))
    @APIResponse(
            responseCode = "200",
            description = "Changed",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "Currency")))
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public CurrencyView update(@PathParam("code") String code, InputStream body, @Context HttpHeaders headers) {
        JsonBody json = JsonBody.read(body);
        CurrencyChange change = new CurrencyChange(
                json.string("name", Need.OPTIONAL),
                json.string("symbol", Need.NULLABLE),
                json.bool("active", Need.OPTIONAL));
        json.finish();
        return CurrencyView.of(currencies.update(
                callers.current(), code, new Patch<>(change, json.present(), ETags.ifMatch(headers))));
    }
}
