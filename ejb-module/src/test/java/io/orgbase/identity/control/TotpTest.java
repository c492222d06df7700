package io.orgbase.identity.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class TotpTest {

    private final Totp totp = new Totp();
    private final String secret = totp.newSecret();
    private final Instant now = Instant.parse("2030-01-01T12:00:10Z");
    private final long step = now.getEpochSecond() / 30;

    private String codeAt(Instant at) throws Exception {
        return new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6)
                .generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"), at);
    }

    @Test
    void acceptsTheCurrentAndThePreviousStepOnly() throws Exception {
        assertThat(totp.matchingStep(secret, codeAt(now), now, 0)).hasValue(step);
        assertThat(totp.matchingStep(secret, codeAt(now.minusSeconds(30)), now, 0))
                .hasValue(step - 1);
        assertThat(totp.matchingStep(secret, codeAt(now.minusSeconds(60)), now, 0))
                .isEmpty();
        assertThat(totp.matchingStep(secret, codeAt(now.plusSeconds(30)), now, 0))
                .isEmpty();
    }

    @Test
    void neverAcceptsAStepAgainOrAnEarlierOne() throws Exception {
        assertThat(totp.matchingStep(secret, codeAt(now), now, step)).isEmpty();
        assertThat(totp.matchingStep(secret, codeAt(now.minusSeconds(30)), now, step - 1))
                .isEmpty();
        assertThat(totp.matchingStep(secret, codeAt(now), now, step - 1)).hasValue(step);
    }

    @Test
    void secretsAreRandom160BitBase32() {
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(totp.newSecret()).isNotEqualTo(secret);
        assertThat(totp.matchingStep(secret, "12345", now, 0)).isEmpty();
        assertThat(totp.matchingStep(secret, null, now, 0)).isEmpty();
    }

    @Test
    void theQrCodeIsAPng() {
        byte[] png = totp.qrPng(totp.uri("someone@example.com", secret));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(totp.uri("someone@example.com", secret))
                .isEqualTo("otpauth://totp/Orgbase%3Asomeone%40example.com?secret=" + secret
                        + "&issuer=Orgbase&algorithm=SHA1&digits=6&period=30");
    }
}
