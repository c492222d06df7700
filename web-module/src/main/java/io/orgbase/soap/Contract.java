package io.orgbase.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * The schema of one service's messages: the WSDL's own schema (the operations' request elements)
 * with the shared {@code types.xsd} it imports, compiled once with the JDK's validator (the same on
 * every server). The stacks do not validate requests against the contract, and their data binding
 * is lenient in different ways (Metro's JAXB turns a malformed {@code expectedVersion} into null, an
 * unconditional update); {@link Envelope} validates each request's operation element against this
 * before any stack binds it.
 */
final class Contract {

    private Contract() {}

    /**
     * @param files the contract's files by name ({@code directory.wsdl}, {@code types.xsd}); null when missing
     * @throws IllegalStateException when the contract cannot be read or compiled (a broken build)
     */
    static Schema schema(String wsdl, Function<String, InputStream> files) {
        try {
            DocumentBuilderFactory builders = DocumentBuilderFactory.newDefaultInstance();
            builders.setNamespaceAware(true);
            builders.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document;
            try (InputStream in = open(files, wsdl)) {
                document = builders.newDocumentBuilder().parse(in);
            }
            Element schema = (Element) document.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema")
                    .item(0);
            // the prefixes the schema uses are declared on wsdl:definitions: carry them down
            for (Node n = schema.getParentNode(); n instanceof Element ancestor; n = n.getParentNode()) {
                var attributes = ancestor.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Node attribute = attributes.item(i);
                    if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                            && !schema.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
                        schema.setAttributeNS(
                                XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getNodeName(), attribute.getNodeValue());
                    }
                }
            }
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DOMImplementationLS ls = (DOMImplementationLS) document.getImplementation();
            factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
                if (!SoapGuard.SCHEMA.equals(systemId)) {
                    return null;
                }
                LSInput input = ls.createLSInput();
                input.setByteStream(open(files, SoapGuard.SCHEMA));
                input.setSystemId("orgbase:" + SoapGuard.SCHEMA);
                return input;
            });
            return factory.newSchema(new DOMSource(schema, "orgbase:" + wsdl));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("The SOAP contract " + wsdl + " does not compile", e);
        }
    }

    private static InputStream open(Function<String, InputStream> files, String name) {
        InputStream in = files.apply(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("The SOAP contract lacks " + name));
        }
        return in;
    }
}
