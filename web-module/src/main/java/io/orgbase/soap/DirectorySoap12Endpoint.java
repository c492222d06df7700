package io.orgbase.soap;

import io.orgbase.soap.SoapFaults.Version;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.soap.SOAPBinding;

/** The Directory service's SOAP 1.2 port ({@code /soap/v1/directory/soap12}). */
@WebService(
        serviceName = "DirectoryService",
        portName = "DirectorySoap12Port",
        targetNamespace = DirectoryEndpoint.NAMESPACE,
        endpointInterface = "io.orgbase.soap.v1.directory.DirectoryPortType",
        wsdlLocation = "WEB-INF/wsdl/v1/directory.wsdl")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class DirectorySoap12Endpoint extends DirectoryEndpoint {

    @Override
    Version version() {
        return Version.SOAP_12;
    }
}
