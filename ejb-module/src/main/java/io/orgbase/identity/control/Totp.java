package io.orgbase.identity.control;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 time-based one-time passwords: 160-bit secrets from a CSPRNG, 6 digits, 30-second steps,
 * HMAC-SHA1 (what every authenticator app accepts). A code is valid for the current step and the
 * one before, and only for a step later than the last one accepted, so no code works twice.
 */
@ApplicationScoped
public class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final String ISSUER = "Orgbase";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);

    /** A new secret, base32 as authenticator apps expect it. */
    public String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** The {@code otpauth://} URI an authenticator app imports (Key Uri Format). */
    public String uri(String account, String secret) {
        String label = URLEncoder.encode(ISSUER + ":" + account, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
    }

    /** The URI as a QR code, PNG. */
    public byte[] qrPng(String uri) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, 240, 240);
            BufferedImage image =
                    new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < matrix.getWidth(); x++) {
                for (int y = 0; y < matrix.getHeight(); y++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("cannot encode the enrolment URI as a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The time step {@code code} belongs to, if it is the code of the current or the previous step
     * and that step is later than {@code lastUsedStep}.
     */
    public OptionalLong matchingStep(String secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long current = now.getEpochSecond() / STEP.toSeconds();
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), "HmacSHA1");
        for (long step = current; step >= current - 1; step--) {
            if (step > lastUsedStep && code.equals(codeAt(key, step))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private String codeAt(SecretKeySpec key, long step) {
        try {
            return generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key is always valid", e);
        }
    }
}
