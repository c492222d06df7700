package io.orgbase.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orgbase.problems.FieldError;
import io.orgbase.problems.InvalidInput;
import io.orgbase.soap.SoapFaults.Version;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.Test;

/** The guard's one pass over a message: what it accepts, what it refuses and how the refusal names the field. */
class EnvelopeTest {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String P = ProvisioningEndpoint.NAMESPACE;
    private static final SoapGuard.Port PROVISIONING = new SoapGuard.Port(P, Version.SOAP_11, "provisioning.wsdl");
    private static final Schema SCHEMA = Contract.schema("provisioning.wsdl", file -> {
        try {
            return new FileInputStream("src/main/webapp/WEB-INF/wsdl/v1/" + file);
        } catch (FileNotFoundException e) {
            return null;
        }
    });

    private static Envelope read(String header, String operation) {
        String message =
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP11 + "\" xmlns:p=\"" + P
                        + "\">" + (header == null ? "" : "<s:Header>" + header + "</s:Header>") + "<s:Body>" + operation
                        + "</s:Body></s:Envelope>";
        return Envelope.read(message.getBytes(StandardCharsets.UTF_8), PROVISIONING, SCHEMA);
    }

    private static FieldError refused(String operation) {
        InvalidInput refused = catchThrowableOfType(InvalidInput.class, () -> read(null, operation));
        assertThat(refused).as(operation).isNotNull();
        assertThat(refused.errors()).hasSize(1);
        return refused.errors().get(0);
    }

    private static final String UUID = "0190c0de-0000-7000-8000-000000000001";

    @Test
    void aValidOperationPasses() {
        Envelope envelope = read(
                null,
                "<p:changeRole><p:org>acme</p:org><p:userId>" + UUID
                        + "</p:userId><p:role>admin</p:role><p:expectedVersion>3</p:expectedVersion></p:changeRole>");
        assertThat(envelope.password()).isNull();
    }

    @Test
    void whatDataBindingWouldQuietlyBendIsRefusedWithItsField() {
        // Metro's JAXB reads this expectedVersion as null: an unconditional update
        assertThat(refused(
                                "<p:changeRole><p:org>acme</p:org><p:userId>" + UUID
                                        + "</p:userId><p:role>admin</p:role><p:expectedVersion>abc</p:expectedVersion></p:changeRole>")
                        .name())
                .isEqualTo("expectedVersion");
        assertThat(refused("<p:addToTeam><p:org>acme</p:org><p:teamId>" + UUID + "</p:teamId><p:userId>" + UUID
                                + "</p:userId><p:role>boss</p:role></p:addToTeam>")
                        .name())
                .isEqualTo("role");
        assertThat(refused("<p:suspendMember><p:org>acme</p:org><p:userId>nope</p:userId></p:suspendMember>")
                        .name())
                .isEqualTo("userId");
    }

    @Test
    void aMissingElementIsNamed() {
        assertThat(refused("<p:addMember><p:org>acme</p:org><p:role>member</p:role></p:addMember>")
                        .name())
                .isEqualTo("email");
        assertThat(refused("<p:addMember><p:org>acme</p:org><p:email>a@b.example</p:email></p:addMember>")
                        .name())
                .isEqualTo("role");
        assertThat(refused("<p:inviteMember><p:org>acme</p:org><p:email>a@b.example</p:email><p:role>x</p:role>"
                                + "<p:colour>red</p:colour></p:inviteMember>")
                        .reason())
                .isNotBlank();
    }

    @Test
    void theUsernameTokenPasswordIsRead() {
        String wsse = Envelope.WSSE;
        Envelope envelope = read(
                "<w:Security xmlns:w=\"" + wsse + "\"><w:UsernameToken><w:Username>u</w:Username>"
                        + "<w:Password>  obk_secret  </w:Password></w:UsernameToken></w:Security>",
                "<p:inviteMember><p:org>acme</p:org><p:email>a@b.example</p:email><p:role>viewer</p:role></p:inviteMember>");
        assertThat(envelope.password()).isEqualTo("obk_secret");
        assertThat(envelope.passwordDigest()).isFalse();
        assertThat(envelope.securityHeader()).isTrue();
    }

    @Test
    void theStacksGetTheMessageWithoutTheSecurityHeader() {
        String message = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + SOAP11 + "\"><s:Header>"
                + "<w:Security s:mustUnderstand=\"1\" xmlns:w=\"" + Envelope.WSSE + "\"><w:UsernameToken>"
                + "<w:Password>obk_secret</w:Password></w:UsernameToken></w:Security><x:Other xmlns:x=\"urn:x\">kept</x:Other>"
                + "</s:Header><s:Body><p:inviteMember xmlns:p=\"" + P
                + "\"><p:org>\u00e9</p:org></p:inviteMember></s:Body></s:Envelope>";
        String stripped = new String(
                Envelope.withoutSecurityHeader(message.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertThat(stripped).doesNotContain("Security", "obk_secret").contains("<x:Other", "kept", "\u00e9</p:org>");
    }

    @Test
    void aUtf16MessageIsWrittenAgainInUtf8() {
        String message = "\ufeff<?xml version=\"1.0\" encoding=\"UTF-16\"?><s:Envelope xmlns:s=\"" + SOAP11
                + "\"><s:Header>"
                + "<w:Security xmlns:w=\"" + Envelope.WSSE + "\"/></s:Header><s:Body><p:inviteMember xmlns:p=\"" + P
                + "\"><p:org>\u00e9\u4e2d</p:org></p:inviteMember></s:Body></s:Envelope>";
        byte[] utf16 = message.getBytes(java.nio.charset.Charset.forName("UTF-16LE"));
        String written = new String(Envelope.withoutSecurityHeader(utf16), StandardCharsets.UTF_8);
        assertThat(written)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("\u00e9\u4e2d</p:org>");
        assertThat(written).doesNotContain("Security");
    }

    @Test
    void aResponseOrASecondHeaderIsNoRequest() {
        assertThat(catchThrowableOfType(
                        InvalidInput.class,
                        () -> read(null, "<p:inviteMemberResponse><p:invitation/></p:inviteMemberResponse>")))
                .isInstanceOf(Envelope.Mismatch.class);
        String twoHeaders = "<s:Envelope xmlns:s=\"" + SOAP11
                + "\"><s:Header/><s:Header/><s:Body><p:inviteMember xmlns:p=\"" + P + "\"/></s:Body></s:Envelope>";
        assertThat(catchThrowableOfType(
                                InvalidInput.class,
                                () -> Envelope.read(twoHeaders.getBytes(StandardCharsets.UTF_8), PROVISIONING, SCHEMA))
                        .getMessage())
                .contains("one Header");
    }

    @Test
    void otherEncodingsAreRefused() {
        String message = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><s:Envelope xmlns:s=\"" + SOAP11
                + "\"><s:Body><p:inviteMember xmlns:p=\"" + P + "\"/></s:Body></s:Envelope>";
        assertThat(catchThrowableOfType(
                                InvalidInput.class,
                                () -> Envelope.read(
                                        message.getBytes(StandardCharsets.ISO_8859_1), PROVISIONING, SCHEMA))
                        .getMessage())
                .contains("UTF-8");
    }
}
