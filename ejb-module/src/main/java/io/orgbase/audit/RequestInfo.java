package io.orgbase.audit;

/**
 * Where the current request comes from, as the web layer saw it; recorded with every audit entry.
 * Request-scoped, made by {@link RequestScopes} (not a bean class of its own).
 */
public class RequestInfo {

    private String clientAddress;
    private String userAgent;
    private String requestId;

    public void set(String clientAddress, String userAgent, String requestId) {
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
        this.requestId = requestId;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String userAgent() {
        return userAgent;
    }

    public String requestId() {
        return requestId;
    }
}
