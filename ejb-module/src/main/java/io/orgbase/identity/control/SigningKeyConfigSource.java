package io.orgbase.identity.control;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code mp.jwt.verify.publickey} (PEM, or a JWKS during a key rotation) from the instance's signing key, so MicroProfile
 * JWT verifies exactly what {@link TokenIssuer} signs. Low ordinal: an operator's own setting wins.
 */
public class SigningKeyConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PUBLIC_KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PUBLIC_KEY, getValue(PUBLIC_KEY));
    }

    @Override
    public String getValue(String propertyName) {
        return PUBLIC_KEY.equals(propertyName) ? SigningKeys.current().verificationKey() : null;
    }

    @Override
    public String getName() {
        return "orgbase-signing-key";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
