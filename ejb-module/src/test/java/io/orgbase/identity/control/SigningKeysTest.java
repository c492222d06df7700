package io.orgbase.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path home;

    @Test
    void generatesAnOwnerOnlyKeyOnceAndReusesIt() throws Exception {
        Path file = home.resolve("keys/jwt-signing-key.pem");

        SigningKeys first = SigningKeys.load(file, java.util.List.of());
        SigningKeys second = SigningKeys.load(file, java.util.List.of());

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(first.privateKey().getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void publishesOnlyThePublicHalfAsJwks() throws Exception {
        SigningKeys keys = SigningKeys.load(home.resolve("key.pem"), java.util.List.of());
        JsonWebKeySet jwks = new JsonWebKeySet(keys.publicJwks());

        assertThat(jwks.getJsonWebKeys()).singleElement().satisfies(jwk -> {
            assertThat(jwk.getKeyId()).isEqualTo(keys.keyId());
            assertThat(jwk.getAlgorithm()).isEqualTo("RS256");
        });
        assertThat(keys.publicJwks()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void refusesAFileThatIsNotAnRsaPrivateKey() throws Exception {
        Path file = home.resolve("bad.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> SigningKeys.load(file, java.util.List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void previousKeysStayVerifiableButNeverSign() {
        SigningKeys old = SigningKeys.load(home.resolve("old.pem"), java.util.List.of());
        SigningKeys rotated = SigningKeys.load(home.resolve("new.pem"), java.util.List.of(home.resolve("old.pem")));

        assertThat(rotated.keyId()).isNotEqualTo(old.keyId());
        assertThat(rotated.keyIds()).containsExactlyInAnyOrder(rotated.keyId(), old.keyId());
        assertThat(rotated.publicJwks()).contains(old.keyId()).contains(rotated.keyId());
    }

    @Test
    void verifiesWithThePemWhileThereIsOneKeyAndWithTheKeySetDuringARotation() throws Exception {
        SigningKeys single = SigningKeys.load(home.resolve("one.pem"), java.util.List.of());
        String pem = single.verificationKey();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PublicKey parsed = java.security.KeyFactory.getInstance("RSA")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(
                        java.util.Base64.getDecoder().decode(body)));
        assertThat(parsed.getEncoded())
                .isEqualTo(new JsonWebKeySet(single.publicJwks())
                        .getJsonWebKeys()
                        .get(0)
                        .getKey()
                        .getEncoded());

        SigningKeys rotated = SigningKeys.load(home.resolve("two.pem"), java.util.List.of(home.resolve("one.pem")));
        assertThat(rotated.verificationKey()).isEqualTo(rotated.publicJwks());
    }
}
