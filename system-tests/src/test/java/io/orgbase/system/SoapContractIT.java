package io.orgbase.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every server publishes the contract in the repository, unchanged but for the addresses: each port
 * at the caller's scheme, host and port, the schema import at {@code ?xsd=types.xsd}. The generated
 * client the other SOAP tests use is built from the repository's files and created from these
 * published ones, so this test is what ties them together. And no CXF in the EAR.
 */
class SoapContractIT {

    private static final Path CONTRACT = Path.of("../web-module/src/main/webapp/WEB-INF/wsdl/v1");

    private static String repository(String file) throws IOException {
        return Files.readString(CONTRACT.resolve(file));
    }

    @Test
    void theServedContractIsTheRepositorysAtTheCallersAddress() throws IOException {
        String base = Orgbase.target().baseUrl();
        for (String service : new String[] {"directory", "provisioning"}) {
            for (String port : new String[] {"/soap/v1/" + service, "/soap/v1/" + service + "/soap12"}) {
                Soap.Reply wsdl = Soap.get(port + "?wsdl", Map.of());
                assertThat(wsdl.status()).as(port).isEqualTo(200);
                assertThat(wsdl.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
                String expected = repository(service + ".wsdl")
                        .replace("\"http://localhost:8080/soap/v1/", "\"" + base + "/soap/v1/")
                        .replace(
                                "schemaLocation=\"types.xsd\"", "schemaLocation=\"" + base + port + "?xsd=types.xsd\"");
                assertThat(wsdl.body()).isEqualTo(expected);
                assertThat(wsdl.body())
                        .contains("location=\"" + base + "/soap/v1/" + service + "\"")
                        .contains("location=\"" + base + "/soap/v1/" + service + "/soap12\"");

                Soap.Reply xsd = Soap.get(port + "?xsd=types.xsd", Map.of());
                assertThat(xsd.status()).isEqualTo(200);
                assertThat(xsd.body()).isEqualTo(repository("types.xsd"));
            }
        }
        // nothing else is served that way
        for (String query : new String[] {"xsd=../../web.xml", "xsd=1", "wsdl=other.wsdl", "XSD=../types.xsd"}) {
            Soap.Reply other = Soap.get("/soap/v1/directory?" + query, Map.of());
            assertThat(other.status()).as(query).isIn(404, 405);
            assertThat(other.body()).doesNotContain("<web-app", "<xs:schema");
        }
    }

    /** WildFly refuses an EAR with CXF inside (WFLYWS0059); Payara Micro's WAR is the only place for it. */
    @Test
    void theEarCarriesNoCxf() throws IOException {
        Path ear = Path.of(System.getProperty("orgbase.ear"));
        assertThat(ear).exists();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ear))) {
            assertNoCxf(zip, ear.getFileName().toString());
        }
        Path war = Path.of(System.getProperty("orgbase.war"));
        boolean cxfInMicroWar;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
            cxfInMicroWar = false;
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                cxfInMicroWar |= entry.getName().matches("WEB-INF/lib/cxf-core-.*\\.jar");
            }
        }
        assertThat(cxfInMicroWar).as("the check looks for what it should").isTrue();
    }

    private static void assertNoCxf(ZipInputStream archive, String where) throws IOException {
        for (ZipEntry entry = archive.getNextEntry(); entry != null; entry = archive.getNextEntry()) {
            String name = entry.getName();
            assertThat(name).as("in %s", where).doesNotStartWith("org/apache/cxf/");
            assertThat(name.substring(name.lastIndexOf('/') + 1))
                    .as("in %s", where)
                    .doesNotStartWith("cxf-");
            if (name.endsWith(".jar") || name.endsWith(".war")) {
                // nested archives: read in place, without extracting
                assertNoCxf(new ZipInputStream(archive), where + "!" + name);
            }
        }
    }
}
