package io.orgbase.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The Orgbase REST API. A CDI bean, so MicroProfile JWT works with annotated bean discovery. Its
 * OpenAPI description is generated from the resources' annotations at build time (SmallRye OpenAPI's
 * Maven plugin with {@link ContractFilter}) and served as a static META-INF/openapi.yaml: Payara's own
 * annotation scanner fails on sub-resource locators and stays off.
 */
@ApplicationScoped
@ApplicationPath("api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "orgbase")
@DeclareRoles({"user", "platform-admin"})
public class OrgbaseApplication extends Application {}
