package io.orgbase.system;

import static io.orgbase.system.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.orgbase.system.Fixtures.Org;
import io.orgbase.system.Fixtures.Session;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Raw envelopes a generated client would never send: hostile XML, wrong versions and namespaces,
 * oversized messages, missing or wrong credentials. Each gets a SOAP fault of the port's version
 * with a Client (Sender) code at a 4xx status, never a 500, never a stack trace, and nothing runs.
 */
class SoapAttacksIT {

    private static Org org;
    private static String key;
    private static Session owner;

    @BeforeAll
    static void organization() {
        owner = Fixtures.newUser();
        org = Fixtures.newOrg(owner);
        key = owner.in(org)
                .apiKeys()
                .create(json("name", "attacks", "role", "admin"))
                .json()
                .getString("key");
    }

    private static Map<String, String> basic(String apiKey) {
        Map<String, String> headers = new HashMap<>();
        headers.put(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("any:" + apiKey).getBytes(StandardCharsets.UTF_8)));
        headers.put("X-Forwarded-For", Fixtures.address());
        return headers;
    }

    private static Soap.Reply post11(String body, Map<String, String> headers) {
        return Soap.post(Soap.DIRECTORY, "text/xml; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A client fault of SOAP 1.1 at {@code status}, with the contract's detail element, and no internals. */
    private static Document clientFault11(Soap.Reply reply, int status, String detailElement) throws Exception {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        Document fault = parse(reply.body());
        assertThat(fault.getDocumentElement().getNamespaceURI()).isEqualTo(Soap.SOAP11);
        assertThat(fault.getElementsByTagName("faultcode").item(0).getTextContent())
                .endsWith(":Client");
        assertThat(fault.getElementsByTagNameNS(Soap.TYPES_NS, detailElement).getLength())
                .isEqualTo(1);
        assertNoInternals(reply.body());
        return fault;
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("Exception", "\tat ", "org.apache", "com.sun", "io.orgbase.", "root:x:0");
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void aWellFormedCallWorks() throws Exception {
        Soap.Reply reply = post11(Soap.envelope11(null, Soap.getOrganization(org.slug())), basic(key));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(parse(reply.body())
                        .getElementsByTagNameNS(Soap.TYPES_NS, "slug")
                        .item(0)
                        .getTextContent())
                .isEqualTo(org.slug());
        assertThat(reply.headers().firstValue("RateLimit-Limit")).isPresent();
        assertThat(reply.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void documentTypeDeclarationsAndEntitiesAreRefused() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + Soap.envelope11(null, Soap.getOrganization("&xxe;")).substring(38);
        clientFault11(post11(xxe, basic(key)), 400, "invalidInput");

        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                laughs.append("&lol")
                        .append(i == 1 ? "" : String.valueOf(i - 1))
                        .append(';');
            }
            laughs.append("\">");
        }
        laughs.append("]>")
                .append(Soap.envelope11(null, Soap.getOrganization("&lol9;")).substring(38));
        clientFault11(post11(laughs.toString(), basic(key)), 400, "invalidInput");

        String externalDtd = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:9/evil.dtd\">"
                + Soap.envelope11(null, Soap.getOrganization(org.slug())).substring(38);
        clientFault11(post11(externalDtd, basic(key)), 400, "invalidInput");

        String undeclared = Soap.envelope11(null, Soap.getOrganization("&undeclared;"));
        clientFault11(post11(undeclared, basic(key)), 400, "invalidInput");

        String instruction = Soap.envelope11(null, "<?evil run?>" + Soap.getOrganization(org.slug()));
        clientFault11(post11(instruction, basic(key)), 400, "invalidInput");
    }

    @Test
    void malformedDeepAndForeignMessagesAreRefused() throws Exception {
        clientFault11(post11("<s:Envelope xmlns:s=\"" + Soap.SOAP11 + "\"><s:Body>", basic(key)), 400, "invalidInput");
        clientFault11(post11("not xml at all", basic(key)), 400, "invalidInput");
        clientFault11(post11("<Envelope/>", basic(key)), 400, "invalidInput");

        String wrongNamespace = Soap.envelope11(
                null,
                "<d:getOrganization xmlns:d=\"http://orgbase.io/soap/directory/v2\"><d:org>x</d:org></d:getOrganization>");
        Document fault = clientFault11(post11(wrongNamespace, basic(key)), 400, "invalidInput");
        assertThat(fault.getElementsByTagName("faultstring").item(0).getTextContent())
                .contains("http://orgbase.io/soap/directory/v1");

        String twoOperations =
                Soap.envelope11(null, Soap.getOrganization(org.slug()) + Soap.getOrganization(org.slug()));
        clientFault11(post11(twoOperations, basic(key)), 400, "invalidInput");

        // nesting no schema looks at (a header): refused by depth alone
        String deep = "<x:h xmlns:x=\"urn:deep\">".repeat(40) + "</x:h>".repeat(40);
        clientFault11(post11(Soap.envelope11(deep, Soap.getOrganization(org.slug())), basic(key)), 400, "invalidInput");

        // well-formed but not what the contract allows: a fault about the content, answered as the stacks
        // answer their own (HTTP 500, WS-I BP R1126) with a Client code and the field
        Document mismatch = clientFault11(
                post11(
                        Soap.envelope11(
                                null,
                                "<d:getMember xmlns:d=\"" + Soap.DIRECTORY_NS
                                        + "\"><d:org>x</d:org><d:userId>nope</d:userId></d:getMember>"),
                        basic(key)),
                500,
                "invalidInput");
        assertThat(mismatch.getElementsByTagNameNS(Soap.TYPES_NS, "field")
                        .item(0)
                        .getTextContent())
                .isEqualTo("userId");

        // SOAP 1.2 to the SOAP 1.1 port: told where to go
        Document versions = clientFault11(
                post11(Soap.envelope12(Soap.getOrganization(org.slug())), basic(key)), 400, "invalidInput");
        assertThat(versions.getElementsByTagName("faultstring").item(0).getTextContent())
                .contains("SOAP 1.2");
    }

    @Test
    void sizeMethodAndMediaTypeAreChecked() throws Exception {
        String huge = Soap.envelope11(null, Soap.getOrganization("x".repeat(300 * 1024)));
        clientFault11(post11(huge, basic(key)), 413, "invalidInput");
        // the same without a declared length (chunked)
        Soap.Reply chunked =
                Soap.postChunked(Soap.DIRECTORY, "text/xml", huge.getBytes(StandardCharsets.UTF_8), basic(key));
        clientFault11(chunked, 413, "invalidInput");

        Soap.Reply json =
                Soap.post(Soap.DIRECTORY, "application/json", "{}".getBytes(StandardCharsets.UTF_8), basic(key));
        clientFault11(json, 415, "invalidInput");
        Soap.Reply soap12AsText = Soap.post(
                Soap.DIRECTORY + "/soap12",
                "text/xml",
                Soap.envelope12(Soap.getOrganization(org.slug())).getBytes(StandardCharsets.UTF_8),
                basic(key));
        assertThat(soap12AsText.status()).isEqualTo(415);
        assertThat(parse(soap12AsText.body()).getDocumentElement().getNamespaceURI())
                .isEqualTo(Soap.SOAP12);

        Soap.Reply get = Soap.get(Soap.DIRECTORY, Map.of());
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertNoInternals(get.body());
    }

    @Test
    void credentialsAreRequiredAndChecked() throws Exception {
        String call = Soap.envelope11(null, Soap.getOrganization(org.slug()));
        Map<String, String> none = Map.of("X-Forwarded-For", Fixtures.address());
        Soap.Reply anonymous = post11(call, none);
        clientFault11(anonymous, 401, "forbidden");
        assertThat(anonymous.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic "));

        clientFault11(post11(call, basic("obk_" + "0".repeat(40))), 401, "forbidden");
        Map<String, String> badBasic = new HashMap<>(none);
        badBasic.put("Authorization", "Basic %%%not-base64");
        clientFault11(post11(call, badBasic), 401, "forbidden");

        // a bearer token MicroProfile JWT refuses: a SOAP fault too, not a problem document
        Map<String, String> badBearer = new HashMap<>(none);
        badBearer.put("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl");
        clientFault11(post11(call, badBearer), 401, "forbidden");

        // a token the runtime's verifier passes (signed with Orgbase's key) is held to the same
        // policy as on the REST API, every time: a key id that is none of Orgbase's, another
        // spelling of a valid token's signature
        String keyId = Api.anonymous()
                .get("/.well-known/jwks.json")
                .json()
                .getJsonArray("keys")
                .getJsonObject(0)
                .getString("kid");
        org.jose4j.jwt.JwtClaims claims = Tokens.claims(owner.id().toString(), owner.email());
        String valid = Tokens.sign(claims, Tokens.orgbaseKey(), "RS256", keyId);
        Map<String, String> ourKey = new HashMap<>(none);
        ourKey.put("Authorization", "Bearer " + valid);
        Soap.Reply accepted = post11(call, ourKey);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(200);
        Map<String, String> unknownKeyId = new HashMap<>(none);
        unknownKeyId.put("Authorization", "Bearer " + Tokens.sign(claims, Tokens.orgbaseKey(), "RS256", "unknown-key"));
        Map<String, String> respelt = new HashMap<>(none);
        respelt.put(
                "Authorization",
                "Bearer " + valid.substring(0, valid.length() - 7) + "!" + valid.substring(valid.length() - 7));
        for (int i = 0; i < 2; i++) {
            clientFault11(post11(call, unknownKeyId), 401, "forbidden");
            clientFault11(post11(call, respelt), 401, "forbidden");
        }
    }

    private static String usernameToken(String password, String type) {
        return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>middleware</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#"
                + type + "\">" + password + "</wsse:Password></wsse:UsernameToken></wsse:Security>";
    }

    @Test
    void aUsernameTokenCarriesTheKey() throws Exception {
        Map<String, String> from = Map.of("X-Forwarded-For", Fixtures.address());
        Soap.Reply text =
                post11(Soap.envelope11(usernameToken(key, "PasswordText"), Soap.getOrganization(org.slug())), from);
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        assertThat(text.body()).contains(org.slug());

        clientFault11(
                post11(Soap.envelope11(usernameToken("wrong", "PasswordText"), Soap.getOrganization(org.slug())), from),
                401,
                "forbidden");
        Soap.Reply digest = post11(
                Soap.envelope11(usernameToken("c2VjcmV0", "PasswordDigest"), Soap.getOrganization(org.slug())), from);
        clientFault11(digest, 401, "forbidden");
        assertThat(parse(digest.body())
                        .getElementsByTagName("faultstring")
                        .item(0)
                        .getTextContent())
                .contains("PasswordText");
    }

    @Test
    void faultsOnTheSoap12PortAreSenderFaults() throws Exception {
        Soap.Reply reply = Soap.post(
                Soap.DIRECTORY + "/soap12",
                "application/soap+xml; charset=utf-8",
                Soap.envelope12(Soap.getOrganization("no-such-" + Secrets.suffix()))
                        .getBytes(StandardCharsets.UTF_8),
                basic(key));
        assertThat(reply.status()).as(reply.body()).isBetween(400, 500);
        Document fault = parse(reply.body());
        assertThat(fault.getDocumentElement().getNamespaceURI()).isEqualTo(Soap.SOAP12);
        assertThat(fault.getElementsByTagNameNS(Soap.SOAP12, "Value").item(0).getTextContent())
                .endsWith(":Sender");
        assertThat(fault.getElementsByTagNameNS(Soap.TYPES_NS, "notFound").getLength())
                .isEqualTo(1);
        assertNoInternals(reply.body());
    }

    @Test
    void nothingReachesAPortAroundTheGuard() throws Exception {
        String call = Soap.envelope11(null, Soap.getOrganization(org.slug()));
        for (String path : new String[] {
            Soap.DIRECTORY + "/",
            Soap.DIRECTORY + ";x=1",
            "/soap/v1//directory",
            "/soap/v1/DIRECTORY",
            "/soap/services",
            "/soap/v1/directory/soap11",
            "/soap/v1/director%79",
            "/soap/v1/directory/x"
        }) {
            Soap.Reply reply = Soap.post(
                    path,
                    "text/xml",
                    call.getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Forwarded-For", Fixtures.address()));
            assertThat(reply.status()).as("%s: %s", path, reply.body()).isIn(400, 401, 404, 405);
            assertThat(reply.body()).as(path).doesNotContain(org.slug());
            assertNoInternals(reply.body());
        }
    }
}
