// Orgbase's own API document, served by this server; "Authorize" takes a bearer token or an API key.
window.addEventListener("load", function () {
    window.ui = SwaggerUIBundle({
        url: "../openapi",
        dom_id: "#api",
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        layout: "StandaloneLayout",
        validatorUrl: null
    });
});
