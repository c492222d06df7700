package io.orgbase.micro;

import io.orgbase.soap.DirectoryEndpoint;
import io.orgbase.soap.DirectorySoap12Endpoint;
import io.orgbase.soap.ProvisioningEndpoint;
import io.orgbase.soap.ProvisioningSoap12Endpoint;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * The SOAP ports on Payara Micro, which has no JAX-WS runtime of its own: Apache CXF (in this WAR
 * only, never in the EAR) serves the web module's {@code @WebService} classes at the same addresses
 * and with the same contract as Metro and JBossWS do on the EAR's servers. The endpoints are
 * CDI-injected like the servers' own stacks inject them; {@code SoapGuard} runs in front as
 * everywhere.
 */
@WebServlet(
        urlPatterns = "/soap/*",
        loadOnStartup = 1,
        initParams = @WebInitParam(name = "hide-service-list-page", value = "true"))
public class CxfPorts extends CXFNonSpringServlet {

    private final List<Unmanaged.UnmanagedInstance<?>> instances = new ArrayList<>();
    private final List<EndpointImpl> endpoints = new ArrayList<>();

    @Override
    protected void loadBus(ServletConfig config) {
        super.loadBus(config);
        publish(
                config,
                DirectoryEndpoint.class,
                "directory",
                "DirectoryService",
                "DirectorySoap11Port",
                "/v1/directory");
        publish(
                config,
                DirectorySoap12Endpoint.class,
                "directory",
                "DirectoryService",
                "DirectorySoap12Port",
                "/v1/directory/soap12");
        publish(
                config,
                ProvisioningEndpoint.class,
                "provisioning",
                "ProvisioningService",
                "ProvisioningSoap11Port",
                "/v1/provisioning");
        publish(
                config,
                ProvisioningSoap12Endpoint.class,
                "provisioning",
                "ProvisioningService",
                "ProvisioningSoap12Port",
                "/v1/provisioning/soap12");
    }

    private <T> void publish(
            ServletConfig config, Class<T> type, String wsdl, String service, String port, String path) {
        Unmanaged.UnmanagedInstance<T> instance =
                new Unmanaged<>(type).newInstance().produce().inject().postConstruct();
        instances.add(instance);
        String namespace = "http://orgbase.io/soap/" + wsdl + "/v1";
        EndpointImpl endpoint = new EndpointImpl(getBus(), instance.get());
        endpoint.setWsdlLocation(resource(config, "/WEB-INF/wsdl/v1/" + wsdl + ".wsdl"));
        endpoint.setServiceName(new QName(namespace, service));
        endpoint.setEndpointName(new QName(namespace, port));
        // ?wsdl names every port of the service at the caller's host, as Metro and JBossWS do
        endpoint.setProperties(new java.util.HashMap<>(java.util.Map.of("autoRewriteSoapAddressForAllServices", true)));
        endpoint.publish(path);
        endpoints.add(endpoint);
    }

    /**
     * The contract as a file URL where the WAR is unpacked (Micro unpacks it), so that CXF resolves the
     * WSDL's relative schema import; else the container's resource URL.
     */
    private static String resource(ServletConfig config, String path) {
        String real = config.getServletContext().getRealPath(path);
        if (real != null && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(real))) {
            return java.nio.file.Path.of(real).toUri().toString();
        }
        try {
            URL url = config.getServletContext().getResource(path);
            if (url == null) {
                throw new IllegalStateException("The WAR lacks " + path);
            }
            return url.toExternalForm();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        endpoints.forEach(EndpointImpl::stop);
        instances.forEach(i -> i.preDestroy().dispose());
        if (getBus() != null && !endpoints.isEmpty()) {
            super.destroy();
        }
    }
}
