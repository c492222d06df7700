package io.orgbase.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExternalIssuerSettingsTest {

    private static Optional<ExternalIssuer.Settings> settings(String issuer, String jwks, String audience) {
        return ExternalIssuer.Settings.of(
                Optional.ofNullable(issuer), Optional.ofNullable(jwks), Optional.ofNullable(audience));
    }

    @Test
    void offWhenNothingIsSet() {
        assertThat(settings(null, null, null)).isEmpty();
    }

    @Test
    void allThreeOrNone() {
        assertThatThrownBy(() -> settings("https://idp.example", "https://idp.example/jwks", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORGBASE_OIDC_AUDIENCE");
        assertThatThrownBy(() -> settings("https://idp.example", null, "orgbase"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> settings(null, "https://idp.example/jwks", "orgbase"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysTravelOverHttpsOrStayOnThisMachine() {
        assertThat(settings("https://idp.example", "https://idp.example/jwks", "orgbase"))
                .isPresent();
        assertThat(settings("https://idp.example", "http://127.0.0.1:8081/jwks", "orgbase"))
                .isPresent();
        assertThat(settings("https://idp.example", "http://localhost/jwks", "orgbase"))
                .isPresent();
        assertThat(settings("https://idp.example", "http://[::1]:9000/jwks", "orgbase"))
                .isPresent();
        for (String unsafe :
                new String[] {"http://idp.example/jwks", "ftp://idp.example/jwks", "file:///etc/jwks", "not a url"}) {
            assertThatThrownBy(() -> settings("https://idp.example", unsafe, "orgbase"))
                    .as(unsafe)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ORGBASE_OIDC_JWKS_URL");
        }
    }
}
