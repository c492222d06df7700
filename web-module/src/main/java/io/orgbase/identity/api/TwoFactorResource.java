package io.orgbase.identity.api;

import io.orgbase.api.Callers;
import io.orgbase.identity.boundary.TwoFactor;
import io.orgbase.identity.boundary.TwoFactor.Enrolment;
import io.orgbase.requests.JsonBody;
import io.orgbase.requests.JsonBody.Need;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's TOTP second factor. */
@Path("me/2fa/totp")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
public class TwoFactorResource {

    @Inject
    Callers callers;

    @Inject
    TwoFactor twoFactor;

    public record EnrolmentView(String secret, String otpauthUri, String qrCode) {}

    public record RecoveryCodesView(List<String> recoveryCodes) {}

    /** Starts enrolment: the secret, its otpauth URI, and the URI as a PNG data URI. */
    @POST
    @Operation(summary = "Start TOTP enrolment (RFC 6238); two-factor sign-in is on only after confirmation")
    @APIResponse(
            responseCode = "200",
            description = "The secret, its otpauth URI and a QR code of it",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TotpEnrolment")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response enrol() {
        Enrolment enrolment = twoFactor.enrol(callers.currentUser());
        return Response.ok(new EnrolmentView(
                        enrolment.secret(),
                        enrolment.otpauthUri(),
                        "data:image/png;base64," + Base64.getEncoder().encodeToString(enrolment.qrPng())))
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm enrolment with a first code; answers ten single-use recovery codes, shown only now")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TotpCode")))
    @APIResponse(
            responseCode = "200",
            description = "Two-factor sign-in is on",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RecoveryCodes")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response confirm(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String code = json.string("code", Need.REQUIRED);
        json.finish();
        return Response.ok(new RecoveryCodesView(twoFactor.confirm(callers.currentUser(), code)))
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Turns 2FA off. The body (password and code) on a DELETE needs {@code
     * allow-payload-for-undefined-http-methods} on Payara's listener; {@code POST .../disable} does
     * the same for clients whose proxies drop DELETE bodies.
     */
    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn two-factor sign-in off (password and a current code or recovery code)")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TotpDisable")))
    @APIResponse(responseCode = "204", description = "Two-factor authentication is off")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response disable(InputStream body) {
        JsonBody json = JsonBody.read(body);
        String password = json.string("password", Need.REQUIRED);
        String code = json.string("code", Need.REQUIRED);
        json.finish();
        twoFactor.disable(callers.currentUser(), password, code);
        return Response.noContent().build();
    }

    @POST
    @Path("disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The same as DELETE /api/v1/me/2fa/totp, for clients whose proxies drop DELETE bodies")
    @RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "TotpDisable")))
    @APIResponse(responseCode = "204", description = "Two-factor authentication is off")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response disableByPost(InputStream body) {
        return disable(body);
    }
}
