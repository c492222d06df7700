package io.orgbase.requests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalesTest {

    @Test
    void languageTagsAreCheckedAndCanonical() {
        assertThat(Locales.canonicalLanguageTag("en")).isEqualTo("en");
        assertThat(Locales.canonicalLanguageTag("de-ch")).isEqualTo("de-CH");
        assertThat(Locales.canonicalLanguageTag("zh-Hant-TW")).isEqualTo("zh-Hant-TW");
        assertThat(Locales.canonicalLanguageTag("xx")).isNull();
        assertThat(Locales.canonicalLanguageTag("en-XX")).isNull();
        assertThat(Locales.canonicalLanguageTag("not a tag")).isNull();
        assertThat(Locales.canonicalLanguageTag("")).isNull();
    }

    @Test
    void zonesAndCountriesComeFromTheStandards() {
        assertThat(Locales.isTimeZone("Europe/Zurich")).isTrue();
        assertThat(Locales.isTimeZone("UTC")).isTrue();
        assertThat(Locales.isTimeZone("Mars/Olympus")).isFalse();
        assertThat(Locales.isTimeZone("+02:00")).isFalse();
        assertThat(Locales.isCountry("CH")).isTrue();
        assertThat(Locales.isCountry("ch")).isFalse();
        assertThat(Locales.isCountry("XX")).isFalse();
    }
}
