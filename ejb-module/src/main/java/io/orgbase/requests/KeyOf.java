package io.orgbase.requests;

import io.orgbase.persistence.Keyed;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The key of one of an enum's values ({@link Keyed}); null passes (whether a field is required is
 * the reader's). The values are the enum's, so a new one is valid here without being listed again;
 * the message names them all.
 */
@Documented
@Constraint(validatedBy = KeyOf.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface KeyOf {

    /** An enum implementing {@link Keyed}. */
    Class<? extends Keyed> value();

    String message() default "must be one of the known values";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<KeyOf, String> {

        private List<String> keys;

        @Override
        public void initialize(KeyOf annotation) {
            keys = Keyed.keys(annotation.value());
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || keys.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be one of " + String.join(", ", keys))
                    .addConstraintViolation();
            return false;
        }
    }
}
