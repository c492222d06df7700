package io.orgbase.extensible;

import io.orgbase.persistence.RecordKind;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key of a {@link RecordKind} (null passes: required-ness is the reader's). The kinds are the
 * enum's, so a new extensible kind is valid here without being listed again.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownRecordKind.Check.class)
public @interface KnownRecordKind {

    String message() default "must be a kind of record";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Names the kinds in the message. */
    class Check implements ConstraintValidator<KnownRecordKind, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || RecordKind.byKey(value) != null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of " + String.join(", ", RecordKind.keys()))
                    .addConstraintViolation();
            return false;
        }
    }
}
