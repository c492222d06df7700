package io.orgbase.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The Orgbase REST API. A CDI bean, so MicroProfile JWT works with annotated bean discovery. */
@ApplicationScoped
@ApplicationPath("api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "orgbase")
@DeclareRoles({"user", "platform-admin"})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Orgbase API",
                        version = "v1",
                        description = "Multi-tenant organization platform. Errors are RFC 9457 problem documents."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class OrgbaseApplication extends Application {}
