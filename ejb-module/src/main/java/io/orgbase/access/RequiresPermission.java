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
}
