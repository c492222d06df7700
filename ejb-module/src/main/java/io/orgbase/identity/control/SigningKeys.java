package io.orgbase.identity.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;

/**
 * The RSA keys of access tokens. The signing key is taken from {@code ORGBASE_JWT_KEY_FILE}
 * (PKCS#8 PEM) when set — what a cluster does, so every member signs and verifies alike — otherwise
 * generated once under {@code ORGBASE_HOME/keys} with owner-only permissions and reused on every
 * start. Keys that signed before a rotation stay accepted (see {@link #previousKeyFiles()}) until
 * their tokens have expired and the operator removes them.
 */
public final class SigningKeys {

    private static volatile SigningKeys instance;

    /** A key pair and its id: the first 22 characters of the base64url SHA-256 of the public key. */
    private record Key(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, String id) {

        static Key of(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            String id = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 22);
            return new Key(privateKey, publicKey, id);
        }
    }

    private final Key signing;
    private final List<Key> verifying;
    private final Set<String> keyIds;

    private SigningKeys(Key signing, List<Key> previous) {
        this.signing = signing;
        List<Key> all = new ArrayList<>(List.of(signing));
        previous.stream().filter(k -> !k.id().equals(signing.id())).forEach(all::add);
        this.verifying = List.copyOf(all);
        this.keyIds = verifying.stream().map(Key::id).collect(Collectors.toUnmodifiableSet());
    }

    /** The instance's keys, loaded (or the signing key generated) on first use. */
    public static SigningKeys current() {
        SigningKeys keys = instance;
        if (keys == null) {
            synchronized (SigningKeys.class) {
                if (instance == null) {
                    instance = load(keyFile(), previousKeyFiles());
                }
                keys = instance;
            }
        }
        return keys;
    }

    static Path keyFile() {
        return KeyFiles.configured("orgbase.jwt.key-file", "ORGBASE_JWT_KEY_FILE", "jwt-signing-key.pem");
    }

    /**
     * Keys that signed tokens before the last rotation: {@code ORGBASE_JWT_PREVIOUS_KEY_FILES}
     * (comma-separated), else every {@code *.pem} in {@code previous/} beside the signing key.
     */
    static List<Path> previousKeyFiles() {
        return KeyFiles.previous(
                "orgbase.jwt.previous-key-files", "ORGBASE_JWT_PREVIOUS_KEY_FILES", keyFile(), "previous", ".pem");
    }

    static SigningKeys load(Path file, List<Path> previousFiles) {
        if (!Files.exists(file)) {
            try {
                generate(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the JWT signing key " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate an RSA key", e);
            }
        }
        List<Key> previous = new ArrayList<>();
        for (Path old : previousFiles) {
            previous.add(read(old));
        }
        return new SigningKeys(read(file), previous);
    }

    private static Key read(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PKCS8EncodedKeySpec spec =
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
            return Key.of((RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("not an RSA private key in PKCS#8 PEM form: " + file, e);
        }
    }

    private static void generate(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair pair = generator.generateKeyPair();
        KeyFiles.createOwnerOnly(
                file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
    }

    /** DER bytes as a PEM block with lines of 64 characters. */
    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    public RSAPrivateCrtKey privateKey() {
        return signing.privateKey();
    }

    /** Id of the key that signs new tokens. */
    public String keyId() {
        return signing.id();
    }

    /** Ids of every key whose tokens are accepted: the signing key and the previous ones. */
    public Set<String> keyIds() {
        return keyIds;
    }

    /**
     * What MicroProfile JWT verifies with: the public key in PEM form while there is only one, the
     * key set once a rotation leaves several. Payara's MP-JWT rebuilds the key from this text for
     * every token it verifies and tries PEM first, so PEM skips a JSON parse and a failed attempt on
     * every request; the key id is checked by the token policy either way.
     */
    public String verificationKey() {
        if (verifying.size() != 1) {
            return publicJwks();
        }
        return pem("PUBLIC KEY", verifying.get(0).publicKey().getEncoded());
    }

    /**
     * The public halves as a JSON Web Key Set: what MicroProfile JWT verifies with and what {@code
     * /.well-known/jwks.json} publishes.
     */
    public String publicJwks() {
        List<RsaJsonWebKey> jwks = new ArrayList<>();
        for (Key key : verifying) {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
            jwk.setKeyId(key.id());
            jwk.setUse(Use.SIGNATURE);
            jwk.setAlgorithm("RS256");
            jwks.add(jwk);
        }
        return new JsonWebKeySet(jwks).toJson();
    }
}
