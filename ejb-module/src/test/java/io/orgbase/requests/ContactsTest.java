package io.orgbase.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContactsTest {

    @Test
    void phoneNumbersAreCheckedAgainstTheirCountryAndWrittenE164() {
        assertThat(Contacts.e164("+41 44 668 18 00")).isEqualTo("+41446681800");
        assertThat(Contacts.e164("+1 000 000 0000")).isNull(); // no such area code
        assertThat(Contacts.e164("+1 650 253 0000")).isEqualTo("+16502530000");
        assertThat(Contacts.e164("044 668 18 00")).isNull(); // no country code
        assertThat(Contacts.e164("+41 12")).isNull();
        assertThat(Contacts.e164("call me")).isNull();
        assertThat(Contacts.e164(null)).isNull();
    }

    @Test
    void onlyAbsoluteHttpsUrlsWithAHostPass() {
        assertThat(Contacts.isHttpsUrl("https://img.example.com/a.png")).isTrue();
        assertThat(Contacts.isHttpsUrl("http://img.example.com/a.png")).isFalse();
        assertThat(Contacts.isHttpsUrl("javascript:alert(1)")).isFalse();
        assertThat(Contacts.isHttpsUrl("https:///nohost")).isFalse();
        assertThat(Contacts.isHttpsUrl("https://example.com/" + "x".repeat(2000)))
                .isFalse();
    }
}
