package io.orgbase.soap;

import io.orgbase.api.ApiKeyCheck;
import io.orgbase.api.Callers;
import io.orgbase.api.ClientAddress;
import io.orgbase.api.RateLimits;
import io.orgbase.api.RateLimits.Decision;
import io.orgbase.api.RequestBudget;
import io.orgbase.api.RequestContextFilter;
import io.orgbase.api.VerifiedTokens;
import io.orgbase.audit.RequestInfo;
import io.orgbase.database.Database;
import io.orgbase.database.api.DatabaseGuard;
import io.orgbase.logging.Logs;
import io.orgbase.problems.Diagnosis;
import io.orgbase.problems.DomainException;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.PayloadTooLarge;
import io.orgbase.problems.TooManyRequests;
import io.orgbase.problems.Unauthenticated;
import io.orgbase.soap.SoapFaults.Version;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.validation.Schema;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What stands in front of every SOAP port, identical on Metro (Payara Server), JBossWS (WildFly) and
 * CXF (Payara Micro), with each stack's own defences underneath. It gives the request its id and
 * audit context, lets the contract ({@code ?wsdl}, {@code ?xsd}) be read, refuses other methods (405),
 * content types that are not the port's SOAP version (415) and messages over 256 KiB (413), reads the
 * message once with a parser that accepts no DTD, no entity and no processing instruction, no more
 * than 32 levels and 10,000 elements, and checks it is an envelope of the port's version whose body
 * holds one element of the service's namespace (400). Then it authenticates the caller as REST does
 * (a bearer token MicroProfile JWT verified; an API key in {@code X-API-Key}, as the HTTP Basic
 * password, or as a WS-Security UsernameToken {@code PasswordText}) and spends one request of the
 * caller's budget (429). Every refusal is a SOAP fault of the port's version with the contract's
 * typed detail, at the HTTP status WS-I Basic Profile asks for.
 */
@WebFilter(urlPatterns = "/soap/*")
public class SoapGuard extends HttpFilter {

    static final int MAX_BYTES = 256 * 1024;

    /** How much of a refused oversized message is read and dropped before the connection closes. */
    static final int DRAIN_BYTES = 4 * 1024 * 1024;

    /** Request attribute: the guard passed this request on (endpoints refuse calls that bypassed it). */
    static final String GUARDED = "io.orgbase.soap.guarded";

    /** A port: the service's namespace, its SOAP version and its contract (under WEB-INF/wsdl/v1). */
    record Port(String namespace, Version version, String wsdl) {}

    static final Map<String, Port> PORTS = Map.of(
            "/soap/v1/directory", new Port(DirectoryEndpoint.NAMESPACE, Version.SOAP_11, "directory.wsdl"),
            "/soap/v1/directory/soap12", new Port(DirectoryEndpoint.NAMESPACE, Version.SOAP_12, "directory.wsdl"),
            "/soap/v1/provisioning", new Port(ProvisioningEndpoint.NAMESPACE, Version.SOAP_11, "provisioning.wsdl"),
            "/soap/v1/provisioning/soap12",
                    new Port(ProvisioningEndpoint.NAMESPACE, Version.SOAP_12, "provisioning.wsdl"));

    /** Where the contract's files lie in the WAR, and the address its example ports name. */
    static final String CONTRACT = "/WEB-INF/wsdl/v1/";

    static final String EXAMPLE_ADDRESS = "\"http://localhost:8080/soap/v1/";
    static final String SCHEMA = "types.xsd";

    @Inject
    ApiKeyCheck apiKeys;

    @Inject
    VerifiedTokens verifiedTokens;

    @Inject
    RequestBudget budget;

    @Inject
    RequestInfo info;

    @Inject
    ClientAddress clientAddress;

    @Inject
    RateLimits limits;

    @Inject
    Database database;

    /** Whether the database passed its start-up checks (once passed, for good: see DatabaseGuard). */
    private volatile boolean databasePassed;

    /** Each service's compiled schema, by WSDL file. */
    private final Map<String, Schema> schemas = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void init() throws ServletException {
        for (Port port : PORTS.values()) {
            schemas.computeIfAbsent(
                    port.wsdl(),
                    wsdl -> Contract.schema(wsdl, file -> getServletContext().getResourceAsStream(CONTRACT + file)));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Port port = PORTS.get(
                request.getRequestURI().substring(request.getContextPath().length()));
        if (port == null) {
            // no other path under /soap/ (a trailing slash, a path parameter, another case) reaches a
            // stack, whose own matching is looser than this map
            response.sendError(404);
            return;
        }
        String id = RequestContextFilter.requestId(request.getHeader(RequestContextFilter.REQUEST_ID));
        response.setHeader(RequestContextFilter.REQUEST_ID, id);
        request.setAttribute(Logs.class.getName(), Logs.beginRequest(id));
        String address = clientAddress.of(request);
        info.set(address, RequestContextFilter.printable(request.getHeader("User-Agent")), id);
        boolean counted = request.getUserPrincipal() == null && !clientAddress.isTrustedProxy(address);
        try {
            if ("GET".equals(request.getMethod()) && isContract(request.getQueryString())) {
                Decision decision = spend(request, response);
                if (decision != null && !decision.allowed()) {
                    throw RequestBudget.refusal(decision);
                }
                contract(request, response, port);
                return;
            }
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                refuse(
                        response,
                        port.version(),
                        new Diagnosis(
                                405,
                                "method-not-allowed",
                                "Send SOAP messages with POST; GET serves the contract at ?wsdl.",
                                List.of(),
                                null,
                                null));
                return;
            }
            if (!databasePassed && !(databasePassed = database.usable())) {
                // as DatabaseGuard refuses REST: no operation runs without the database's checks
                response.setHeader("Retry-After", Integer.toString(DatabaseGuard.RETRY_SECONDS));
                refuse(
                        response,
                        port.version(),
                        new Diagnosis(
                                503,
                                "database-unsafe",
                                "Orgbase is not serving: its database failed the start-up checks (see the server log).",
                                List.of(),
                                DatabaseGuard.RETRY_SECONDS,
                                null));
                return;
            }
            if (!port.version().mediaType().equals(mediaType(request.getContentType()))) {
                refuse(
                        response,
                        port.version(),
                        new Diagnosis(
                                415,
                                "unsupported-media-type",
                                "This port speaks " + port.version().label() + ": send the message as "
                                        + port.version().mediaType() + ".",
                                List.of(),
                                null,
                                null));
                return;
            }
            String charset = charset(request.getContentType());
            if (charset != null && !charset.equals("utf-8") && !charset.equals("utf-16")) {
                throw malformed("A SOAP message is encoded in UTF-8 or UTF-16 (charset=" + charset + ").");
            }
            // credentials in headers first, as REST: a key holder's malformed message is not counted
            // against everyone behind the same address
            authenticateHeaders(request);
            if (unauthenticated(request) && counted) {
                // an address whose refused requests spent its budget is refused before its message is read
                long wait = limits.spentFor(limits.addressBucket(address), limits.perAddress());
                if (wait > 0) {
                    throw new TooManyRequests(
                            "Too many refused requests from this address; retry in " + wait + " s.", wait);
                }
            }
            byte[] body = read(request, response);
            Envelope envelope = Envelope.read(body, port, schemas.get(port.wsdl()));
            authenticate(request, envelope);
            // past its budget, the call still reaches the endpoint, which answers the contract's
            // rateLimited fault without running the operation: generated clients raise the declared
            // fault only from the stack's own fault response
            spend(request, response);
            request.setAttribute(GUARDED, Boolean.TRUE);
            chain.doFilter(
                    envelope.securityHeader()
                            ? new Buffered(request, Envelope.withoutSecurityHeader(body), port.version())
                            : new Buffered(request, body, null),
                    response);
        } catch (DomainException refused) {
            Diagnosis diagnosis = Diagnosis.of(refused);
            // what an unauthenticated caller gets refused spends from its address's budget (a refused
            // key was counted by the key check already)
            if (counted
                    && !(refused instanceof TooManyRequests)
                    && unauthenticated(request)
                    && request.getAttribute(ApiKeyCheck.CHECKED) == null) {
                limits.take(limits.addressBucket(address), limits.perAddress());
            }
            if (diagnosis.status() == 401) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"orgbase\", charset=\"UTF-8\"");
                response.addHeader("WWW-Authenticate", "Bearer realm=\"orgbase\"");
            }
            if (diagnosis.retryAfterSeconds() != null) {
                response.setHeader("Retry-After", Integer.toString(diagnosis.retryAfterSeconds()));
            }
            // an operation that does not match the contract is a fault about its content, like the
            // endpoints' own: HTTP 500 as WS-I Basic Profile asks (R1126), so that generated clients
            // raise the declared fault (they read fault bodies only from a 500); what is refused
            // for the message's form (XML, size, media type, version, namespace) stays a 4xx
            refuse(
                    response,
                    port.version(),
                    diagnosis,
                    refused instanceof Envelope.Mismatch ? 500 : diagnosis.status());
        } finally {
            budget.finish();
        }
    }

    /** The SOAP version of a port's path (within the application), or null for any other path. */
    public static Version versionOf(String path) {
        Port port = PORTS.get(path);
        return port == null ? null : port.version();
    }

    /**
     * The contract as the repository holds it, served by Orgbase itself rather than by each stack (they
     * differ: Metro numbers the schema {@code ?xsd=1}, CXF leaves the other port's address relative),
     * so every server publishes the same documents: the WSDL with each port at the caller's own scheme,
     * host and port, its schema import at {@code ?xsd=types.xsd}.
     */
    private static void contract(HttpServletRequest request, HttpServletResponse response, Port port)
            throws IOException {
        String query = request.getQueryString().toLowerCase(Locale.ROOT);
        String file = query.equals("wsdl") ? port.wsdl() : query.equals("xsd=" + SCHEMA) ? SCHEMA : null;
        byte[] document = null;
        if (file != null) {
            try (InputStream in = request.getServletContext().getResourceAsStream(CONTRACT + file)) {
                document = in == null ? null : in.readAllBytes();
            }
        }
        if (document == null) {
            response.sendError(404);
            return;
        }
        if (file.equals(port.wsdl())) {
            String base = request.getScheme() + "://" + request.getServerName()
                    + (request.getServerPort() > 0 ? ":" + request.getServerPort() : "") + request.getContextPath();
            String portPath =
                    request.getRequestURI().substring(request.getContextPath().length());
            document = new String(document, StandardCharsets.UTF_8)
                    .replace(EXAMPLE_ADDRESS, "\"" + base + "/soap/v1/")
                    .replace(
                            "schemaLocation=\"" + SCHEMA + "\"",
                            "schemaLocation=\"" + base + portPath + "?xsd=" + SCHEMA + "\"")
                    .getBytes(StandardCharsets.UTF_8);
        }
        response.setContentType("text/xml; charset=utf-8");
        // it names the host the caller asked for: not for shared caches
        response.setHeader("Cache-Control", "private, max-age=300");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    /** {@code ?wsdl}, {@code ?xsd=...}, {@code ?wsdl=...}: the contract, which anyone may read. */
    static boolean isContract(String query) {
        if (query == null || query.length() > 200) {
            return false;
        }
        String q = query.toLowerCase(Locale.ROOT);
        return q.equals("wsdl") || q.startsWith("wsdl=") || q.startsWith("xsd=");
    }

    /** The {@code charset} parameter of a content type, in lower case without quotes; null when absent. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    /** The whole message, refused past {@link #MAX_BYTES} whatever the declared length says. */
    static byte[] read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (declared > MAX_BYTES) {
                drain(in, response);
                throw tooLarge();
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.max(declared, 1024));
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (body.size() + n > MAX_BYTES) {
                    drain(in, response);
                    throw tooLarge();
                }
                body.write(buffer, 0, n);
            }
            return body.toByteArray();
        }
    }

    /**
     * Reads and drops what the client is still sending, up to {@link #DRAIN_BYTES}, so that it reads
     * the refusal rather than a reset connection; past that the connection closes.
     */
    private static void drain(InputStream in, HttpServletResponse response) throws IOException {
        byte[] buffer = new byte[8192];
        long dropped = 0;
        int n;
        while (dropped < DRAIN_BYTES && (n = in.read(buffer)) > 0) {
            dropped += n;
        }
        if (dropped >= DRAIN_BYTES) {
            response.setHeader("Connection", "close");
        }
    }

    private static PayloadTooLarge tooLarge() {
        return new PayloadTooLarge(MAX_BYTES);
    }

    private static boolean unauthenticated(HttpServletRequest request) {
        return request.getUserPrincipal() == null && request.getAttribute(Callers.API_KEY_ATTRIBUTE) == null;
    }

    /**
     * A key in {@code X-API-Key} or as the HTTP Basic password, checked before the message is read;
     * a bearer token MicroProfile JWT has verified already.
     */
    private void authenticateHeaders(HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof JsonWebToken token) {
            verifiedTokens.admit(token); // the same token policy as the REST API's
            return;
        }
        if (request.getUserPrincipal() != null) {
            return;
        }
        String key = request.getHeader("X-API-Key");
        if (key == null) {
            key = basicPassword(request.getHeader("Authorization"));
        }
        if (key != null && !key.isBlank()) {
            apiKeys.authenticate(key, clientAddress.of(request), request::setAttribute);
        }
    }

    /** Else the UsernameToken's PasswordText the message carried; without any, 401. */
    private void authenticate(HttpServletRequest request, Envelope envelope) {
        if (!unauthenticated(request)) {
            return;
        }
        if (envelope.passwordDigest()) {
            throw new Unauthenticated("A UsernameToken with a PasswordDigest cannot be checked: Orgbase keeps only a "
                    + "hash of each API key. Send the key as PasswordText over HTTPS.");
        }
        String key = envelope.password();
        if (key == null || key.isBlank()) {
            throw new Unauthenticated("Send credentials: an API key as the HTTP Basic password, in X-API-Key or "
                    + "as a WS-Security UsernameToken (PasswordText), or an access token as 'Authorization: "
                    + "Bearer'.");
        }
        apiKeys.authenticate(key, clientAddress.of(request), request::setAttribute);
    }

    /** The password of {@code Authorization: Basic}, or null when the header is absent or another scheme. */
    static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Unauthenticated("The HTTP Basic credentials are not valid Base64.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Unauthenticated("The HTTP Basic credentials have no password.");
        }
        return decoded.substring(colon + 1);
    }

    /**
     * One request of the caller's budget; the standing goes out in RateLimit-* headers as in REST (and
     * Retry-After once it is spent).
     */
    private Decision spend(HttpServletRequest request, HttpServletResponse response) {
        Decision decision = budget.open(clientAddress.of(request), 1);
        if (decision == null) {
            return null;
        }
        if (decision.limit() > 0) {
            response.setHeader("RateLimit-Limit", Integer.toString(decision.limit()));
            response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
            response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        }
        if (!decision.allowed()) {
            response.setHeader("Retry-After", Long.toString(decision.resetSeconds()));
        }
        return decision;
    }

    /** A fault of the port's version, at the status WS-I Basic Profile 1.1 gives the refusal. */
    public static void refuse(HttpServletResponse response, Version version, Diagnosis diagnosis) throws IOException {
        refuse(response, version, diagnosis, diagnosis.status());
    }

    /** With the HTTP status given: a fault about the operation's content is answered as the stacks answer theirs. */
    static void refuse(HttpServletResponse response, Version version, Diagnosis diagnosis, int status)
            throws IOException {
        try {
            SOAPMessage message = MessageFactory.newInstance(version.protocol).createMessage();
            SOAPFault fault = message.getSOAPBody()
                    .addFault(version.code(diagnosis.status() < 500), diagnosis.detail(), Locale.ENGLISH);
            SoapFaults.describe(fault, diagnosis, null);
            message.saveChanges();
            response.setStatus(status);
            response.setContentType(version.contentType());
            message.writeTo(response.getOutputStream());
        } catch (SOAPException e) {
            throw new IOException("Could not write a SOAP fault", e);
        }
    }

    /** The request with its body already read (the stack reads it again from memory). */
    static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;
        private final String contentType;

        /** @param rewritten the version of a message the guard wrote again (in UTF-8), else null */
        Buffered(HttpServletRequest request, byte[] body, Version rewritten) {
            super(request);
            this.body = body;
            this.contentType = rewritten == null ? null : rewritten.contentType();
        }

        @Override
        public String getContentType() {
            return contentType == null ? super.getContentType() : contentType;
        }

        @Override
        public String getCharacterEncoding() {
            return contentType == null ? super.getCharacterEncoding() : "UTF-8";
        }

        @Override
        public String getHeader(String name) {
            return contentType != null && "Content-Type".equalsIgnoreCase(name) ? contentType : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return contentType != null && "Content-Type".equalsIgnoreCase(name)
                    ? java.util.Collections.enumeration(List.of(contentType))
                    : super.getHeaders(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not asynchronous");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /** Thrown by {@link Envelope}: the message is not one this port accepts. */
    static InvalidInput malformed(String detail) {
        return new InvalidInput(detail, List.of());
    }
}
