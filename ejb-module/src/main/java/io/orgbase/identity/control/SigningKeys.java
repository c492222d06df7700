package io.orgbase.identity.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;

/**
 * The RSA key that signs access tokens. Taken from {@code ORGBASE_JWT_KEY_FILE} (PKCS#8 PEM) when
 * set — what a cluster does, so every member signs and verifies alike — otherwise generated once
 * under {@code ORGBASE_HOME/keys} with owner-only permissions and reused on every start.
 */
public final class SigningKeys {

    private static volatile SigningKeys instance;

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    private SigningKeys(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        this.privateKey = privateKey;
        this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
        this.keyId =
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    }

    /** The instance's signing key, loaded or generated on first use. */
    public static SigningKeys current() {
        SigningKeys keys = instance;
        if (keys == null) {
            synchronized (SigningKeys.class) {
                if (instance == null) {
                    instance = load(keyFile());
                }
                keys = instance;
            }
        }
        return keys;
    }

    static Path keyFile() {
        String configured = System.getProperty("orgbase.jwt.key-file", System.getenv("ORGBASE_JWT_KEY_FILE"));
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : OrgbaseHome.path().resolve("keys").resolve("jwt-signing-key.pem");
    }

    static SigningKeys load(Path file) {
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PKCS8EncodedKeySpec spec =
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
            return new SigningKeys(
                    (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("not an RSA private key in PKCS#8 PEM form: " + file, e);
        }
    }

    private static void generate(Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.getParent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path temp = Files.createTempFile(file.getParent(), ".jwt", ".tmp");
        try {
            trySetOwnerOnly(temp);
            Files.writeString(temp, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            // Atomic and exclusive: if another process generated one meanwhile, theirs wins.
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // keep the existing key
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void trySetOwnerOnly(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public half as a JSON Web Key Set, the form MicroProfile JWT verification reads. */
    public String publicJwks() {
        RsaJsonWebKey jwk = new RsaJsonWebKey(publicKey);
        jwk.setKeyId(keyId);
        jwk.setUse(Use.SIGNATURE);
        jwk.setAlgorithm("RS256");
        return new JsonWebKeySet(List.of(jwk)).toJson();
    }
}
