package io.orgbase.soap;

import io.orgbase.problems.InvalidInput;
import io.orgbase.soap.SoapFaults.Version;
import io.orgbase.soap.SoapGuard.Port;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * One pass over a SOAP message before any stack parses it, with the JDK's own StAX parser (the same
 * on every server): no DTD (so no entity can be declared, expanded or fetched), no entity reference,
 * no processing instruction (SOAP forbids both), at most {@link #MAX_DEPTH} levels and {@link
 * #MAX_ELEMENTS} elements. The envelope must be of the port's SOAP version with at most a Header and
 * then a Body holding exactly one element of the service's namespace. A WS-Security UsernameToken's
 * password is read here, so that authentication is the same code on every server.
 *
 * @param password the UsernameToken's PasswordText, or null
 * @param passwordDigest whether the token carried a PasswordDigest instead
 */
record Envelope(String password, boolean passwordDigest, boolean securityHeader) {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final QName SECURITY = new QName(WSSE, "Security");

    static final int MAX_DEPTH = 32;
    static final int MAX_ELEMENTS = 10_000;
    static final int MAX_ATTRIBUTES = 32;

    private static final String PASSWORD_DIGEST =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";

    private static final XMLInputFactory PARSERS = parsers();

    private static XMLInputFactory parsers() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /**
     * @param schema the service's messages ({@link Contract})
     * @throws InvalidInput for anything this port does not accept
     */
    static Envelope read(byte[] message, Port port, Schema schema) {
        String soap = port.version().envelopeNamespace();
        Deque<QName> open = new ArrayDeque<>();
        int elements = 0;
        int bodyChildren = 0;
        boolean sawBody = false;
        String password = null;
        boolean digest = false;
        boolean security = false;
        boolean sawHeader = false;
        java.util.List<String[]> outer = new java.util.ArrayList<>();
        XMLStreamReader reader = null;
        Operation operation = null;
        try {
            reader = PARSERS.createXMLStreamReader(new ByteArrayInputStream(message));
            encoding(reader);
            while (reader.hasNext()) {
                int event = reader.next();
                if (operation != null) {
                    operation.feed(reader, event);
                }
                switch (event) {
                    case XMLStreamConstants.DTD -> throw SoapGuard.malformed(
                            "A SOAP message may not contain a document type declaration (DTD).");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw SoapGuard.malformed(
                            "A SOAP message may not contain entity references.");
                    case XMLStreamConstants.PROCESSING_INSTRUCTION -> throw SoapGuard.malformed(
                            "A SOAP message may not contain processing instructions.");
                    case XMLStreamConstants.START_ELEMENT -> {
                        QName name = reader.getName();
                        if (++elements > MAX_ELEMENTS) {
                            throw SoapGuard.malformed("The message has more than " + MAX_ELEMENTS + " elements.");
                        }
                        if (open.size() >= MAX_DEPTH) {
                            throw SoapGuard.malformed("The message nests deeper than " + MAX_DEPTH + " levels.");
                        }
                        if (reader.getAttributeCount() > MAX_ATTRIBUTES) {
                            throw SoapGuard.malformed("An element has more than " + MAX_ATTRIBUTES + " attributes.");
                        }
                        int depth = open.size();
                        if (depth == 0 || (depth == 1 && name.getLocalPart().equals("Body"))) {
                            for (int i = 0; i < reader.getNamespaceCount(); i++) {
                                outer.add(new String[] {reader.getNamespacePrefix(i), reader.getNamespaceURI(i)});
                            }
                        }
                        if (depth == 0) {
                            envelope(name, port.version());
                        } else if (depth == 1) {
                            if (sawBody
                                    || !soap.equals(name.getNamespaceURI())
                                    || !(name.getLocalPart().equals("Header")
                                            || name.getLocalPart().equals("Body"))) {
                                throw SoapGuard.malformed("A SOAP envelope holds an optional Header, then a Body, and "
                                        + "nothing else.");
                            }
                            if (name.getLocalPart().equals("Header") && sawHeader) {
                                throw SoapGuard.malformed("A SOAP envelope holds one Header.");
                            }
                            sawHeader |= name.getLocalPart().equals("Header");
                            sawBody = name.getLocalPart().equals("Body");
                        } else if (depth == 2 && !sawBody && SECURITY.equals(name)) {
                            security = true;
                        } else if (depth == 2 && sawBody) {
                            if (++bodyChildren > 1) {
                                throw SoapGuard.malformed("The SOAP Body holds one operation element.");
                            }
                            if (!port.namespace().equals(name.getNamespaceURI())) {
                                throw SoapGuard.malformed("The operation element must be in the namespace "
                                        + port.namespace() + " (this service, version 1).");
                            }
                            if (name.getLocalPart().endsWith("Response")) {
                                throw new Mismatch(
                                        "The Body holds a response (" + name.getLocalPart() + "); send a request.",
                                        java.util.List.of());
                            }
                            operation = new Operation(schema.newValidatorHandler(), outer);
                            operation.feed(reader, event);
                        } else if (inUsernameToken(open)
                                && name.getNamespaceURI().equals(WSSE)
                                && name.getLocalPart().equals("Password")) {
                            String type = reader.getAttributeValue(null, "Type");
                            if (PASSWORD_DIGEST.equals(type)) {
                                digest = true;
                            }
                            String text = reader.getElementText(); // moves to the end tag
                            if (!digest) {
                                password = text.strip();
                            }
                            continue;
                        }
                        open.push(name);
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        open.pop();
                        if (operation != null && open.size() == 2) {
                            operation.end();
                            operation = null;
                        }
                    }
                    default -> {}
                }
            }
        } catch (SAXException e) {
            throw operation == null
                    ? SoapGuard.malformed("The message does not match the contract.")
                    : operation.invalid(e);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            throw SoapGuard.malformed("The message is not well-formed XML"
                    + (at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")")
                    + ".");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // in memory: nothing to release
                }
            }
        }
        if (!sawBody || bodyChildren == 0) {
            throw SoapGuard.malformed("The SOAP Body holds no operation element.");
        }
        return new Envelope(password, digest, security);
    }

    /**
     * UTF-8 or UTF-16, as WS-I Basic Profile allows, and the same that the stack will read: an XML
     * declaration that names another encoding is refused rather than read two ways.
     */
    private static void encoding(XMLStreamReader reader) {
        String declared = reader.getCharacterEncodingScheme();
        String detected = reader.getEncoding();
        for (String encoding : new String[] {declared, detected}) {
            if (encoding != null
                    && !encoding.toUpperCase(java.util.Locale.ROOT).startsWith("UTF-8")
                    && !encoding.toUpperCase(java.util.Locale.ROOT).startsWith("UTF-16")) {
                throw SoapGuard.malformed("A SOAP message is encoded in UTF-8 or UTF-16.");
            }
        }
    }

    /**
     * The operation element, fed to the schema's validator as it is read. Its errors name the
     * element where they were found (below the operation, dotted: {@code page.limit}), or the
     * element the schema expected there.
     */
    private static final class Operation {

        private static final java.util.regex.Pattern EXPECTED =
                java.util.regex.Pattern.compile("One of '\\{\"[^\"]*\":(\\w+)\\}' is expected");

        private final ValidatorHandler validator;
        private final Deque<String> path = new ArrayDeque<>();

        /** @param outer the namespaces the Envelope and Body declare, in scope for the operation */
        Operation(ValidatorHandler validator, java.util.List<String[]> outer) throws SAXException {
            this.validator = validator;
            try {
                // field errors are matched on the validator's English wording, whatever the server's locale
                validator.setProperty("http://apache.org/xml/properties/locale", java.util.Locale.ENGLISH);
            } catch (org.xml.sax.SAXNotRecognizedException | org.xml.sax.SAXNotSupportedException ignored) {
                // the default locale's messages then, without the named field
            }
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // not a reason to refuse
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            validator.startDocument();
            for (String[] declaration : outer) {
                validator.startPrefixMapping(text(declaration[0]), text(declaration[1]));
            }
        }

        void feed(XMLStreamReader reader, int event) throws SAXException {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    for (int i = 0; i < reader.getNamespaceCount(); i++) {
                        validator.startPrefixMapping(
                                text(reader.getNamespacePrefix(i)), text(reader.getNamespaceURI(i)));
                    }
                    AttributesImpl attributes = new AttributesImpl();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        QName attribute = reader.getAttributeName(i);
                        attributes.addAttribute(
                                text(attribute.getNamespaceURI()),
                                attribute.getLocalPart(),
                                qualified(attribute),
                                "CDATA",
                                reader.getAttributeValue(i));
                    }
                    QName name = reader.getName();
                    path.addLast(name.getLocalPart());
                    validator.startElement(
                            text(name.getNamespaceURI()), name.getLocalPart(), qualified(name), attributes);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    QName name = reader.getName();
                    validator.endElement(text(name.getNamespaceURI()), name.getLocalPart(), qualified(name));
                    for (int i = 0; i < reader.getNamespaceCount(); i++) {
                        validator.endPrefixMapping(text(reader.getNamespacePrefix(i)));
                    }
                    path.removeLast();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> validator
                        .characters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                default -> {}
            }
        }

        void end() throws SAXException {
            validator.endDocument();
        }

        InvalidInput invalid(SAXException e) {
            String message = e.getMessage() == null ? "does not match the contract" : e.getMessage();
            java.util.List<String> below = new java.util.ArrayList<>(path);
            if (!below.isEmpty()) {
                below.remove(0); // the operation itself
            }
            java.util.regex.Matcher expected = EXPECTED.matcher(message);
            if (expected.find()) {
                String found = null;
                if (message.startsWith("cvc-complex-type.2.4.a") && !below.isEmpty()) {
                    // another element stands where this one is expected (missing, or the other is extra)
                    found = below.remove(below.size() - 1);
                }
                below.add(expected.group(1));
                message = found == null ? "is required here" : "is expected here, before " + found;
            }
            String field = below.isEmpty() ? path.isEmpty() ? "body" : path.getFirst() : String.join(".", below);
            return new Mismatch(
                    "The request does not match the contract: " + field + " " + message,
                    java.util.List.of(new io.orgbase.problems.FieldError(field, message)));
        }

        private static String text(String value) {
            return value == null ? "" : value;
        }

        private static String qualified(QName name) {
            return name.getPrefix() == null || name.getPrefix().isEmpty()
                    ? name.getLocalPart()
                    : name.getPrefix() + ":" + name.getLocalPart();
        }
    }

    /**
     * The message without its WS-Security header, which the guard has read: the stacks never see a
     * header they would have to be told they understand ({@code mustUnderstand="1"}), and need no
     * SOAP handler for it (a handler makes a stack build a SAAJ tree of every message). Written back
     * in UTF-8.
     */
    static byte[] withoutSecurityHeader(byte[] message) {
        try {
            javax.xml.stream.XMLEventReader events = PARSERS.createXMLEventReader(new ByteArrayInputStream(message));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length);
            javax.xml.stream.XMLEventWriter writer =
                    javax.xml.stream.XMLOutputFactory.newDefaultFactory().createXMLEventWriter(out, "UTF-8");
            javax.xml.stream.XMLEventFactory made = javax.xml.stream.XMLEventFactory.newDefaultFactory();
            int depth = 0;
            int skipping = -1;
            while (events.hasNext()) {
                javax.xml.stream.events.XMLEvent event = events.nextEvent();
                if (event.isStartDocument()) {
                    // always written again in UTF-8 (the request then says so: SoapGuard.Buffered)
                    writer.add(made.createStartDocument("UTF-8", "1.0"));
                    continue;
                }
                if (event.isStartElement()) {
                    depth++;
                    if (skipping < 0
                            && depth == 3
                            && SECURITY.equals(event.asStartElement().getName())) {
                        skipping = depth;
                    }
                }
                boolean skip = skipping > 0;
                if (event.isEndElement()) {
                    if (skipping == depth) {
                        skipping = -1;
                    }
                    depth--;
                }
                if (!skip) {
                    writer.add(event);
                }
            }
            writer.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            // read once already without a fault: cannot happen for a message that passed read()
            throw new IllegalStateException("Could not rewrite a checked SOAP message", e);
        }
    }

    /** A well-formed operation element that the contract's schema refuses. */
    static final class Mismatch extends InvalidInput {

        Mismatch(String message, java.util.List<io.orgbase.problems.FieldError> errors) {
            super(message, errors);
        }
    }

    private static void envelope(QName name, Version version) {
        if (name.getLocalPart().equals("Envelope")
                && version.envelopeNamespace().equals(name.getNamespaceURI())) {
            return;
        }
        Version other = Version.ofEnvelope(name.getNamespaceURI());
        if (name.getLocalPart().equals("Envelope") && other != null) {
            throw SoapGuard.malformed("This port speaks " + version.label() + " and the message is " + other.label()
                    + ": use the service's " + other.label() + " port (see the WSDL).");
        }
        throw SoapGuard.malformed("The message is not a SOAP envelope.");
    }

    /** Inside Envelope/Header/wsse:Security/wsse:UsernameToken. */
    private static boolean inUsernameToken(Deque<QName> open) {
        if (open.size() != 4) {
            return false;
        }
        QName token = open.peek();
        return token.getNamespaceURI().equals(WSSE)
                && token.getLocalPart().equals("UsernameToken")
                && open.stream().skip(1).findFirst().map(SECURITY::equals).orElse(false);
    }
}
