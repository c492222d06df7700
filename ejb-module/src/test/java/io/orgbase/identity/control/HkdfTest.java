package io.orgbase.identity.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    /** RFC 5869, appendix A.1 and A.3 (SHA-256). */
    @Test
    void derivesTheTestVectorsOfTheRfc() {
        byte[] inputKey = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        assertThat(HexFormat.of()
                        .formatHex(Hkdf.derive(
                                inputKey, hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        assertThat(HexFormat.of().formatHex(Hkdf.derive(inputKey, new byte[0], new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
}
