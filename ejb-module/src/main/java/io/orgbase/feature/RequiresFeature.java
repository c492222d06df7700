package io.orgbase.feature;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A tenant boundary method that belongs to a feature: it is refused (403, problem type {@code
 * feature-disabled}) while the feature is off for the tenant. Checked after the permission.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresFeature {

    /** The feature's key in the catalogue ({@code custom-roles}). */
    @Nonbinding
    String value() default "";
}
