package io.orgbase.access;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a boundary method needs in the organization it runs in (its {@link
 * io.orgbase.tenancy.Tenant} argument). Checked by {@link PermissionInterceptor} after the tenant
 * is set.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {

    @Nonbinding
    Permission value();

    /**
     * Whether the organization's lifecycle limits the call ({@link Lifecycle}). By default it limits
     * every call that needs a write permission; a change that must run in every state (moving the
     * organization through its lifecycle, a member leaving) says {@link Lifecycle.Applies#NEVER}
     * and keeps the permission that says who may reach it.
     */
    @Nonbinding
    Lifecycle.Applies lifecycle() default Lifecycle.Applies.TO_WRITES;
}
