package io.orgbase.access;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a boundary method that only platform administrators may call (an API key never is one).
 * Checked by {@link PlatformAdminInterceptor} from the call's {@link Caller} argument, or its
 * {@link io.orgbase.tenancy.Tenant}'s caller; for a tenant-scoped method after the tenant is
 * entered, so that a stranger still hears that the organization does not exist.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PlatformAdminOnly {

    /** What only they may do ("change currencies"), for the refusal's message. */
    @Nonbinding
    String value();
}
