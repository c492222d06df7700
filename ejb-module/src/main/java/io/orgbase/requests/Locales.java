package io.orgbase.requests;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;

/**
 * Validation of the standard codes requests carry: IANA time zones, BCP 47 language tags and ISO
 * 3166-1 alpha-2 countries, against the JDK's own tables. Null is valid (whether a field is
 * required is decided elsewhere).
 */
public final class Locales {

    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private Locales() {}

    /** An IANA region-based zone id ({@code Europe/Zurich}, {@code UTC}); offsets like {@code +02:00} are not zones. */
    public static boolean isTimeZone(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id);
    }

    /**
     * The canonical form of a well-formed BCP 47 tag whose language is an ISO 639 code ({@code
     * en-us} → {@code en-US}); null when it is not one.
     */
    public static String canonicalLanguageTag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            String language = locale.getLanguage();
            if (language.isEmpty() || !(LANGUAGES.contains(language) || language.length() == 3)) {
                return null;
            }
            if (!locale.getCountry().isEmpty()
                    && locale.getCountry().length() == 2
                    && !isCountry(locale.getCountry())) {
                return null;
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    /** An assigned ISO 3166-1 alpha-2 code, upper case. */
    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** An IANA time zone id. */
    @Documented
    @Constraint(validatedBy = TimeZoneValidator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface TimeZone {
        String message() default "must be an IANA time zone such as Europe/Zurich or UTC";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A BCP 47 language tag with an ISO 639 language. */
    @Documented
    @Constraint(validatedBy = LanguageTagValidator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface LanguageTag {
        String message() default "must be a BCP 47 language tag such as en or de-CH";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An ISO 3166-1 alpha-2 country code, upper case. */
    @Documented
    @Constraint(validatedBy = CountryValidator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Country {
        String message() default "must be an ISO 3166-1 alpha-2 country code such as CH or US";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class TimeZoneValidator implements ConstraintValidator<TimeZone, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isTimeZone(value);
        }
    }

    public static class LanguageTagValidator implements ConstraintValidator<LanguageTag, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || canonicalLanguageTag(value) != null;
        }
    }

    public static class CountryValidator implements ConstraintValidator<Country, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isCountry(value);
        }
    }
}
