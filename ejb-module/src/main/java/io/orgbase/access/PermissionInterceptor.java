package io.orgbase.access;

import io.orgbase.problems.Forbidden;
import io.orgbase.tenancy.Tenant;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/**
 * Refuses a boundary call when the caller's role in the tenant lacks the required permission, or
 * when the organization's lifecycle forbids the change ({@link Lifecycle}).
 */
@RequiresPermission(Permission.ORGANIZATION_READ)
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 20)
public class PermissionInterceptor {

    @Inject
    SecurityEvents events;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        RequiresPermission rule = rule(invocation.getMethod());
        Permission needed = rule.value();
        Tenant tenant = Tenant.of(invocation);
        if (tenant.isOutsideAdmin()) {
            events.record(
                    "platform-admin-access",
                    tenant.caller(),
                    tenant.orgId(),
                    needed.key() + " via "
                            + invocation.getMethod().getDeclaringClass().getSimpleName() + "."
                            + invocation.getMethod().getName());
        } else if (!tenant.permits(needed)) {
            throw new Forbidden("Your role in this organization does not allow this (" + needed.key() + ").");
        }
        if (rule.lifecycle() == Lifecycle.Applies.TO_WRITES) {
            Lifecycle.check(tenant, needed);
        }
        return invocation.proceed();
    }

    static RequiresPermission rule(Method method) {
        RequiresPermission annotation = method.getAnnotation(RequiresPermission.class);
        if (annotation == null) {
            annotation = method.getDeclaringClass().getAnnotation(RequiresPermission.class);
        }
        if (annotation == null) {
            throw new IllegalStateException("no @RequiresPermission on " + method);
        }
        return annotation;
    }
}
