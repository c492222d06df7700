package io.orgbase.tenancy.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orgbase.identity.control.SigningKeys;
import io.orgbase.identity.control.TokenIssuer;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.CredentialValidationResult.Status;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verified-token cache on Payara itself: Payara's identity-store handler asks it before its own
 * MicroProfile JWT store, with Payara's credential class, and a token verified on one request is
 * answered from memory afterwards, for its exact text only.
 */
@ExtendWith(ArquillianExtension.class)
class VerifiedTokensIT {

    private static final String PAYARA_CREDENTIAL = "fish.payara.microprofile.jwtauth.eesecurity.SignedJWTCredential";

    @Deployment
    static WebArchive orgbase() {
        return ShrinkWrap.create(ZipImporter.class, "orgbase.war")
                .importFrom(new File("target/orgbase.war"))
                .as(WebArchive.class)
                .addPackage(VerifiedTokensIT.class.getPackage());
    }

    @ArquillianResource
    URL base;

    @Test
    void aTokenVerifiedOnceIsAnsweredFromMemoryForItsExactText() throws Exception {
        String subject = UUID.randomUUID().toString();
        String token = token(subject);
        IdentityStore store = store();
        // the first request is verified by Payara (the cache is asked, and has nothing), and admitted
        // by the authentication filter (what follows does not matter: the subject has no account)
        int status = me(token);
        CredentialValidationResult answered = store.validate(credential(token));
        assertEquals(
                Status.VALID,
                answered.getStatus(),
                "asked by Payara, then admitted by the filter (the request was answered " + status + ")");
        assertEquals(subject, answered.getCallerPrincipal().getName(), "no upn: the subject names the caller");
        assertTrue(answered.getCallerGroups().contains(TokenIssuer.USER_GROUP));

        String other = token(subject);
        assertEquals(Status.NOT_VALIDATED, store.validate(credential(other)).getStatus(), "never seen");
        assertEquals(
                Status.NOT_VALIDATED,
                store.validate(credential(token.substring(0, token.length() - 1)))
                        .getStatus(),
                "not its exact text");
        assertEquals(401, me(token.substring(0, token.length() - 2) + "!" + token.substring(token.length() - 2)));
    }

    /** What TokenIssuer signs, for an id of no account. */
    private static String token(String subject) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("orgbase");
        claims.setAudience("orgbase");
        claims.setSubject(subject);
        claims.setStringListClaim("groups", TokenIssuer.USER_GROUP);
        claims.setIssuedAtToNow();
        claims.setGeneratedJwtId();
        claims.setExpirationTimeMinutesInTheFuture(15);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(SigningKeys.current().privateKey());
        jws.setKeyIdHeaderValue(SigningKeys.current().keyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static IdentityStore store() throws ClassNotFoundException {
        Class<?> type = Class.forName(
                "io.orgbase.api.VerifiedTokens", true, Thread.currentThread().getContextClassLoader());
        return (IdentityStore) CDI.current().select(type).get();
    }

    private static Credential credential(String token) throws ReflectiveOperationException {
        return (Credential)
                Class.forName(PAYARA_CREDENTIAL, true, Thread.currentThread().getContextClassLoader())
                        .getConstructor(String.class)
                        .newInstance(token);
    }

    private int me(String token) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("api/v1/me"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
