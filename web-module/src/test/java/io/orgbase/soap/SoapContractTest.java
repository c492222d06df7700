package io.orgbase.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The SOAP contract kept in the repository (WEB-INF/wsdl/v1) holds together: its schemas compile,
 * its namespaces carry the version, and every operation of the port type is bound, with the same
 * faults, in both the SOAP 1.1 and the SOAP 1.2 binding, document/literal (WS-I Basic Profile 1.1).
 */
class SoapContractTest {

    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final File CONTRACT = new File("src/main/webapp/WEB-INF/wsdl/v1");

    @ParameterizedTest
    @ValueSource(strings = {"directory.wsdl", "provisioning.wsdl"})
    void everyOperationIsBoundInBothSoapVersionsWithItsFaults(String name) throws Exception {
        File file = new File(CONTRACT, name);
        Document wsdl = parse(file);
        Element definitions = wsdl.getDocumentElement();
        assertThat(definitions.getAttribute("targetNamespace")).matches("http://orgbase\\.io/soap/[a-z]+/v1");

        // the embedded schema (with the shared types it imports) compiles
        Element schema = (Element) wsdl.getElementsByTagNameNS(XSD, "schema").item(0);
        SchemaFactory.newInstance(XSD)
                .newSchema(new DOMSource(schema, file.toURI().toString()));

        Map<String, TreeSet<String>> declared = new LinkedHashMap<>();
        Element portType =
                (Element) wsdl.getElementsByTagNameNS(WSDL, "portType").item(0);
        for (Element operation : children(portType, "operation")) {
            TreeSet<String> faults = new TreeSet<>();
            children(operation, "fault").forEach(fault -> faults.add(fault.getAttribute("name")));
            declared.put(operation.getAttribute("name"), faults);
            assertThat(children(operation, "input")).hasSize(1);
            assertThat(children(operation, "output")).hasSize(1);
        }
        assertThat(declared).isNotEmpty();

        List<String> soapVersions = new ArrayList<>();
        NodeList bindings = wsdl.getElementsByTagNameNS(WSDL, "binding");
        for (int i = 0; i < bindings.getLength(); i++) {
            Element binding = (Element) bindings.item(i);
            Element soapBinding =
                    (Element) binding.getElementsByTagNameNS("*", "binding").item(0);
            soapVersions.add(soapBinding.getNamespaceURI());
            assertThat(soapBinding.getAttribute("style")).isEqualTo("document");
            Map<String, TreeSet<String>> bound = new LinkedHashMap<>();
            for (Element operation : children(binding, "operation")) {
                TreeSet<String> faults = new TreeSet<>();
                children(operation, "fault").forEach(fault -> faults.add(fault.getAttribute("name")));
                bound.put(operation.getAttribute("name"), faults);
                NodeList bodies = operation.getElementsByTagNameNS(soapBinding.getNamespaceURI(), "body");
                for (int b = 0; b < bodies.getLength(); b++) {
                    assertThat(((Element) bodies.item(b)).getAttribute("use")).isEqualTo("literal");
                }
            }
            assertThat(bound).as(binding.getAttribute("name")).isEqualTo(declared);
        }
        assertThat(soapVersions)
                .containsExactlyInAnyOrder(
                        "http://schemas.xmlsoap.org/wsdl/soap/", "http://schemas.xmlsoap.org/wsdl/soap12/");

        // wrapped: one request element named as the operation, one response element named after it
        for (String operation : declared.keySet()) {
            assertThat(elementNamed(schema, operation)).as(operation).isTrue();
            assertThat(elementNamed(schema, operation + "Response"))
                    .as(operation)
                    .isTrue();
        }
    }

    private static boolean elementNamed(Element schema, String name) {
        for (Element element : children(schema, "element")) {
            if (element.getAttribute("name").equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getLocalName().equals(localName)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Document parse(File file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file);
    }
}
