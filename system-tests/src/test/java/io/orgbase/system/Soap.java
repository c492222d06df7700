package io.orgbase.system;

import io.orgbase.soap.client.directory.DirectoryPortType;
import io.orgbase.soap.client.directory.DirectoryService;
import io.orgbase.soap.client.provisioning.ProvisioningPortType;
import io.orgbase.soap.client.provisioning.ProvisioningService;
import io.orgbase.soap.client.types.PageRequest;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SOAP clients of the running Orgbase: the client generated from the contract at build time, its
 * services created from the WSDL the server publishes ({@code ?wsdl}), so every call goes to the
 * address that WSDL names. Also raw envelopes, for what a generated client would never send.
 */
final class Soap {

    static final String DIRECTORY = "/soap/v1/directory";
    static final String PROVISIONING = "/soap/v1/provisioning";
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String DIRECTORY_NS = "http://orgbase.io/soap/directory/v1";
    static final String PROVISIONING_NS = "http://orgbase.io/soap/provisioning/v1";
    static final String TYPES_NS = "http://orgbase.io/soap/types/v1";

    // HTTP/1.1 as SOAP clients speak it: the default, HTTP/2 by upgrade, now and then had Payara
    // Server's listener close the upgraded connection on a GET of the contract (EOF after 30 s)
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private static DirectoryService directory;
    private static ProvisioningService provisioning;

    private Soap() {}

    /** How a call authenticates. */
    record Credentials(String basicPassword, Map<String, String> headers) {

        /** An API key as the HTTP Basic password (what most SOAP stacks can send). */
        static Credentials basic(String apiKey) {
            return new Credentials(apiKey, Map.of());
        }

        static Credentials apiKeyHeader(String apiKey) {
            return new Credentials(null, Map.of("X-API-Key", apiKey));
        }

        static Credentials bearer(String token) {
            return new Credentials(null, Map.of("Authorization", "Bearer " + token));
        }

        /** The same credentials from a client address of their own (the suite shares one budget otherwise). */
        Credentials from(String address) {
            Map<String, String> more = new HashMap<>(headers);
            more.put("X-Forwarded-For", address);
            return new Credentials(basicPassword, more);
        }
    }

    static synchronized DirectoryPortType directory(Credentials credentials, boolean soap12) {
        if (directory == null) {
            directory = new DirectoryService(wsdl(DIRECTORY));
        }
        DirectoryPortType port = soap12 ? directory.getDirectorySoap12Port() : directory.getDirectorySoap11Port();
        return authenticated(port, credentials);
    }

    static synchronized ProvisioningPortType provisioning(Credentials credentials, boolean soap12) {
        if (provisioning == null) {
            provisioning = new ProvisioningService(wsdl(PROVISIONING));
        }
        ProvisioningPortType port =
                soap12 ? provisioning.getProvisioningSoap12Port() : provisioning.getProvisioningSoap11Port();
        return authenticated(port, credentials);
    }

    private static URL wsdl(String path) {
        try {
            return URI.create(Orgbase.target().baseUrl() + path + "?wsdl").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T authenticated(T port, Credentials credentials) {
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        if (credentials.basicPassword() != null) {
            context.put(BindingProvider.USERNAME_PROPERTY, "integration");
            context.put(BindingProvider.PASSWORD_PROPERTY, credentials.basicPassword());
        }
        Map<String, List<String>> headers = new HashMap<>();
        credentials.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        context.put(MessageContext.HTTP_REQUEST_HEADERS, headers);
        return port;
    }

    static PageRequest page(String after, Integer limit) {
        PageRequest page = new PageRequest();
        page.setAfter(after);
        page.setLimit(limit);
        return page;
    }

    /** A raw exchange. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {}

    static Reply post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(Orgbase.target().baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Without a declared length: the body goes in chunks. */
    static Reply postChunked(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(Orgbase.target().baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        headers.forEach(request::header);
        return send(request.build());
    }

    static Reply get(String pathAndQuery, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(Orgbase.target().baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A SOAP 1.1 envelope around {@code body} (and {@code header}, when not null). */
    static String envelope11(String header, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP11 + "\">"
                + (header == null ? "" : "<s:Header>" + header + "</s:Header>") + "<s:Body>" + body
                + "</s:Body></s:Envelope>";
    }

    static String envelope12(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><e:Envelope xmlns:e=\"" + SOAP12 + "\"><e:Body>" + body
                + "</e:Body></e:Envelope>";
    }

    /** A getOrganization request element. */
    static String getOrganization(String org) {
        return "<d:getOrganization xmlns:d=\"" + DIRECTORY_NS + "\"><d:org>" + org + "</d:org></d:getOrganization>";
    }
}
