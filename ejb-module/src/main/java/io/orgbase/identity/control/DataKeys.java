package io.orgbase.identity.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's secret for data at rest (TOTP secrets, kept idempotent answers): 256 random bits from
 * {@code ORGBASE_DATA_KEY_FILE} (base64) — give every cluster member the same one, as with the JWT
 * key — else generated once as {@code ORGBASE_HOME/keys/data-key}, readable only by the server's
 * account. Nothing is encrypted with it directly: each purpose gets its own AES-256-GCM key by HKDF
 * (the purpose, and a context such as the caller, as HKDF info), so a key of one purpose opens
 * nothing of another.
 *
 * <p>Rotation: put the new key in place and the old one in {@code keys/previous-data/} (or list it
 * in {@code ORGBASE_DATA_PREVIOUS_KEY_FILES}). Sealed values name the key that sealed them, so old
 * ones still open; TOTP secrets are sealed again with the new key at the next start, after which
 * the old key may go once the kept answers of the last 24 hours have expired.
 */
public final class DataKeys {

    private static final int KEY_BYTES = 32;
    private static final int ID_BYTES = 8;
    private static final int IV_BYTES = 12;
    private static final byte VERSION = 1;
    private static final String TEXT_PREFIX = "sealed1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static volatile DataKeys instance;

    /** A key and its id: the first 8 bytes of its SHA-256. */
    private record Key(byte[] material, byte[] id) {

        static Key of(byte[] material) {
            try {
                return new Key(
                        material,
                        Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(material), ID_BYTES));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }

    private final Key current;
    private final List<Key> all;

    private DataKeys(Key current, List<Key> previous) {
        this.current = current;
        List<Key> keys = new ArrayList<>(List.of(current));
        previous.stream().filter(k -> !Arrays.equals(k.id(), current.id())).forEach(keys::add);
        this.all = List.copyOf(keys);
    }

    /** The instance's keys, loaded (or the key generated) on first use. */
    public static DataKeys current() {
        DataKeys keys = instance;
        if (keys == null) {
            synchronized (DataKeys.class) {
                if (instance == null) {
                    Path file = KeyFiles.configured("orgbase.data.key-file", "ORGBASE_DATA_KEY_FILE", "data-key");
                    instance = load(
                            file,
                            KeyFiles.previous(
                                    "orgbase.data.previous-key-files",
                                    "ORGBASE_DATA_PREVIOUS_KEY_FILES",
                                    file,
                                    "previous-data",
                                    ""));
                }
                keys = instance;
            }
        }
        return keys;
    }

    static DataKeys load(Path file, List<Path> previousFiles) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                KeyFiles.createOwnerOnly(file, Base64.getEncoder().encode(fresh));
            }
            List<Key> previous = new ArrayList<>();
            for (Path old : previousFiles) {
                previous.add(read(old));
            }
            return new DataKeys(read(file), previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the data key " + file, e);
        }
    }

    private static Key read(Path file) throws IOException {
        byte[] material;
        try {
            material = Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the data key " + file + " is not base64", e);
        }
        if (material.length != KEY_BYTES) {
            throw new IllegalStateException("the data key " + file + " must hold 32 bytes, not " + material.length);
        }
        return Key.of(material);
    }

    private static byte[] derive(Key key, String purpose, String context, int length) {
        byte[] info = (purpose + "\0" + context).getBytes(StandardCharsets.UTF_8);
        return Hkdf.derive(key.material(), "orgbase".getBytes(StandardCharsets.US_ASCII), info, length);
    }

    /** Encrypts and authenticates {@code plain} for one purpose and context; the result names its key. */
    public byte[] seal(String purpose, String context, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current, purpose, context, iv);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(1 + ID_BYTES + IV_BYTES + sealed.length)
                    .put(VERSION)
                    .put(current.id())
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * Opens what {@link #seal} sealed with the same purpose and context, with whichever of the
     * current and previous keys sealed it.
     *
     * @throws IllegalStateException when no key here sealed it, or it was altered
     */
    public byte[] open(String purpose, String context, byte[] sealed) {
        if (sealed.length < 1 + ID_BYTES + IV_BYTES || sealed[0] != VERSION) {
            throw new IllegalStateException("not a sealed value");
        }
        byte[] id = Arrays.copyOfRange(sealed, 1, 1 + ID_BYTES);
        Key key = all.stream()
                .filter(k -> Arrays.equals(k.id(), id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "sealed with data key " + HexFormat.of().formatHex(id) + ", which is not configured"));
        try {
            byte[] iv = Arrays.copyOfRange(sealed, 1 + ID_BYTES, 1 + ID_BYTES + IV_BYTES);
            return cipher(Cipher.DECRYPT_MODE, key, purpose, context, iv)
                    .doFinal(sealed, 1 + ID_BYTES + IV_BYTES, sealed.length - 1 - ID_BYTES - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value could not be opened (altered, or another purpose)", e);
        }
    }

    /** {@link #seal} for a text column: a prefixed base64 string. */
    public String sealText(String purpose, String context, String plain) {
        return TEXT_PREFIX
                + Base64.getEncoder().encodeToString(seal(purpose, context, plain.getBytes(StandardCharsets.UTF_8)));
    }

    /** Opens what {@link #sealText} sealed; a value stored before sealing (no prefix) is returned as it is. */
    public String openText(String purpose, String context, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] sealed = Base64.getDecoder().decode(stored.substring(TEXT_PREFIX.length()));
        return new String(open(purpose, context, sealed), StandardCharsets.UTF_8);
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(TEXT_PREFIX);
    }

    /** Whether the stored text is sealed with the current key (else it wants sealing again). */
    public boolean sealedWithCurrent(String stored) {
        return Optional.ofNullable(stored)
                .filter(DataKeys::isSealed)
                .map(s -> Base64.getDecoder().decode(s.substring(TEXT_PREFIX.length())))
                .filter(b -> b.length > ID_BYTES)
                .map(b -> Arrays.equals(Arrays.copyOfRange(b, 1, 1 + ID_BYTES), current.id()))
                .orElse(false);
    }

    private static Cipher cipher(int mode, Key key, String purpose, String context, byte[] iv)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                mode,
                new SecretKeySpec(derive(key, purpose, context, KEY_BYTES), "AES"),
                new GCMParameterSpec(128, iv));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
