package io.orgbase.soap;

import io.orgbase.soap.SoapFaults.Version;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

/** The Provisioning service's SOAP 1.2 port ({@code /soap/v1/provisioning/soap12}). */
@WebService(
        serviceName = "ProvisioningService",
        portName = "ProvisioningSoap12Port",
        targetNamespace = ProvisioningEndpoint.NAMESPACE,
        endpointInterface = "io.orgbase.soap.v1.provisioning.ProvisioningPortType",
        wsdlLocation = "WEB-INF/wsdl/v1/provisioning.wsdl")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class ProvisioningSoap12Endpoint extends ProvisioningEndpoint {

    @Override
    Version version() {
        return Version.SOAP_12;
    }
}
