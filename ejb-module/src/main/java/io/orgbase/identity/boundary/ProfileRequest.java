package io.orgbase.identity.boundary;

import io.orgbase.requests.Contacts;
import io.orgbase.requests.Locales;
import jakarta.validation.constraints.Size;

/**
 * What a user sets on their own profile. Phone numbers are stored E.164; the language in canonical
 * BCP 47 form. Language and time zone left empty mean "the organization's".
 */
public record ProfileRequest(
        @Size(min = 1, max = 200) String displayName,
        @Contacts.Phone String phone,
        @Locales.LanguageTag String language,
        @Locales.TimeZone String timezone,
        @Contacts.HttpsUrl String avatarUrl) {}
