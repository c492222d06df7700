package io.orgbase.soap;

import io.orgbase.logging.Logs;
import io.orgbase.problems.Diagnosis;
import io.orgbase.problems.FieldError;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.namespace.QName;

/**
 * Failures as SOAP faults: the same classification as REST's problem documents ({@link Diagnosis}),
 * with the contract's typed details ({@code notFound}, {@code forbidden}, {@code invalidInput},
 * {@code conflict}, {@code rateLimited}) and a Client (SOAP 1.2: Sender) code for the caller's
 * mistakes. Thrown as {@link SOAPFaultException} because a declared fault exception always carries a
 * Server code; generated clients still raise the declared fault, which they find by the detail's
 * element. A failure of ours is a Server (Receiver) fault that shows only a correlation id.
 */
public final class SoapFaults {

    public static final String TYPES = "http://orgbase.io/soap/types/v1";
    private static final String PROBLEM_TYPE_BASE = "https://orgbase.io/problems/";
    private static final Logger LOG = Logs.get(SoapFaults.class);

    private SoapFaults() {}

    /** SOAP 1.1 or 1.2, as {@link SOAPConstants#SOAP_1_1_PROTOCOL} / {@code SOAP_1_2_PROTOCOL} name them. */
    public enum Version {
        SOAP_11(SOAPConstants.SOAP_1_1_PROTOCOL, SOAPConstants.URI_NS_SOAP_1_1_ENVELOPE),
        SOAP_12(SOAPConstants.SOAP_1_2_PROTOCOL, SOAPConstants.URI_NS_SOAP_1_2_ENVELOPE);

        final String protocol;
        final String envelope;

        Version(String protocol, String envelope) {
            this.protocol = protocol;
            this.envelope = envelope;
        }

        QName code(boolean client) {
            if (this == SOAP_11) {
                return new QName(envelope, client ? "Client" : "Server");
            }
            return client ? SOAPConstants.SOAP_SENDER_FAULT : SOAPConstants.SOAP_RECEIVER_FAULT;
        }

        /** The version of an envelope namespace, or null. */
        public static Version ofEnvelope(String namespace) {
            for (Version v : values()) {
                if (v.envelope.equals(namespace)) {
                    return v;
                }
            }
            return null;
        }

        public String envelopeNamespace() {
            return envelope;
        }

        /** The HTTP media type of a message in this version. */
        public String mediaType() {
            return this == SOAP_11 ? "text/xml" : "application/soap+xml";
        }

        public String contentType() {
            return mediaType() + "; charset=utf-8";
        }

        public String label() {
            return this == SOAP_11 ? "SOAP 1.1" : "SOAP 1.2";
        }
    }

    /**
     * The fault for a failure.
     *
     * @param currentVersion for a failed version precondition: the version stored now (null: unknown)
     */
    static SOAPFaultException of(Throwable thrown, Version version, Long currentVersion) {
        Diagnosis diagnosis = Diagnosis.of(thrown);
        if (diagnosis == null) {
            String correlationId = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "Unhandled failure in a SOAP call, correlation id " + correlationId, thrown);
            return server(version, correlationId);
        }
        return new SOAPFaultException(fault(diagnosis, version, currentVersion));
    }

    /** A fault on its own (an endpoint throws it). */
    static SOAPFault fault(Diagnosis diagnosis, Version version, Long currentVersion) {
        try {
            SOAPFault fault = SOAPFactory.newInstance(version.protocol)
                    .createFault(diagnosis.detail(), version.code(diagnosis.status() < 500));
            describe(fault, diagnosis, currentVersion);
            return fault;
        } catch (SOAPException e) {
            throw new WebServiceException("Could not build a SOAP fault", e);
        }
    }

    /** Gives a fault the contract's typed detail for a diagnosis. */
    static void describe(SOAPFault fault, Diagnosis diagnosis, Long currentVersion) throws SOAPException {
        String element = element(diagnosis.status());
        SOAPElement detail = fault.addDetail().addChildElement(new QName(TYPES, element, "t"));
        detail.addChildElement(new QName(TYPES, "type", "t")).addTextNode(PROBLEM_TYPE_BASE + diagnosis.kind());
        detail.addChildElement(new QName(TYPES, "detail", "t")).addTextNode(diagnosis.detail());
        switch (element) {
            case "invalidInput" -> {
                for (FieldError field : diagnosis.fields()) {
                    SOAPElement error = detail.addChildElement(new QName(TYPES, "fieldError", "t"));
                    error.addChildElement(new QName(TYPES, "field", "t")).addTextNode(field.name());
                    error.addChildElement(new QName(TYPES, "message", "t")).addTextNode(field.reason());
                }
            }
            case "conflict" -> {
                if (currentVersion != null) {
                    detail.addChildElement(new QName(TYPES, "currentVersion", "t"))
                            .addTextNode(Long.toString(currentVersion));
                }
            }
            case "rateLimited" -> detail.addChildElement(new QName(TYPES, "retryAfterSeconds", "t"))
                    .addTextNode(Integer.toString(
                            diagnosis.retryAfterSeconds() == null ? 1 : diagnosis.retryAfterSeconds()));
            default -> {}
        }
    }

    /** The contract's fault element for an HTTP status. */
    static String element(int status) {
        return switch (status) {
            case 404 -> "notFound";
            case 401, 403 -> "forbidden";
            case 409, 412 -> "conflict";
            case 429, 503 -> "rateLimited";
            default -> "invalidInput";
        };
    }

    static SOAPFaultException server(Version version, String correlationId) {
        try {
            SOAPFault fault = SOAPFactory.newInstance(version.protocol)
                    .createFault(
                            "Something went wrong on our side. Quote the correlation id " + correlationId
                                    + " when reporting it.",
                            version.code(false));
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new WebServiceException("Could not build a SOAP fault", e);
        }
    }
}
