package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static ClientAddress trusting(String proxies) {
        ClientAddress address = new ClientAddress();
        address.trustedProxies = proxies;
        return address;
    }

    /** A request with just a remote address and an X-Forwarded-For header. */
    private static HttpServletRequest request(String remote, String forwardedFor) {
        return (HttpServletRequest) Proxy.newProxyInstance(
                ClientAddressTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getRemoteAddr" -> remote;
                    case "getHeader" -> "X-Forwarded-For".equalsIgnoreCase((String) a[0]) ? forwardedFor : null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        assertThat(trusting("10.0.0.1").of(request("203.0.113.9", "198.51.100.1")))
                .isEqualTo("203.0.113.9");
        assertThat(trusting(" ").of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() {
        ClientAddress address = trusting("10.0.0.1, 10.0.0.2");
        assertThat(address.of(request("10.0.0.1", "198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(address.of(request("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2")))
                .isEqualTo("198.51.100.1");
        assertThat(address.of(request("10.0.0.1", null))).isEqualTo("10.0.0.1");
    }
}
