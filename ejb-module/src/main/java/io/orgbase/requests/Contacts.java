package io.orgbase.requests;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Validation of how people are reached: phone numbers (libphonenumber's metadata, stored E.164) and
 * https URLs. Null is valid (whether a field is required is decided elsewhere).
 */
public final class Contacts {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** Longest URL accepted. */
    public static final int MAX_URL = 2000;

    private Contacts() {}

    /**
     * The E.164 form of an international number ({@code +41 44 668 18 00} → {@code
     * +41446681800}) when it is a valid number of its country; null otherwise.
     */
    public static String e164(String number) {
        if (number == null || number.length() > 40 || !number.strip().startsWith("+")) {
            return null;
        }
        try {
            PhoneNumber parsed = PHONES.parse(number, null);
            return PHONES.isValidNumber(parsed) ? PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** An absolute https URL with a host, at most {@link #MAX_URL} characters. */
    public static boolean isHttpsUrl(String text) {
        if (text == null || text.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(text);
            return "https".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A valid international phone number, written with its country code ({@code +41 ...}). */
    @Documented
    @Constraint(validatedBy = PhoneValidator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Phone {
        String message() default "must be a valid phone number with its country code, such as +41 44 668 18 00";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An https URL. */
    @Documented
    @Constraint(validatedBy = HttpsUrlValidator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface HttpsUrl {
        String message() default "must be an https URL";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class PhoneValidator implements ConstraintValidator<Phone, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || e164(value) != null;
        }
    }

    public static class HttpsUrlValidator implements ConstraintValidator<HttpsUrl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isHttpsUrl(value);
        }
    }
}
