package io.orgbase.soap;

import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * Tells the SOAP stack that Orgbase understands the WS-Security header, which clients send with
 * {@code mustUnderstand="1"}: its UsernameToken was already checked by {@link SoapGuard} before the
 * stack saw the message (the same code on all three servers), so the header is read, not ignored.
 */
public class SecurityHeader implements SOAPHandler<SOAPMessageContext> {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final QName SECURITY = new QName(WSSE, "Security");

    @Override
    public Set<QName> getHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        return true;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
        // nothing held
    }
}
