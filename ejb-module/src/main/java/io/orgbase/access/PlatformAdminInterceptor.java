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
 * Refuses a {@link PlatformAdminOnly} call from anyone but a platform administrator. In an
 * organization they do not belong to, their access is recorded as a security event, as for any
 * other call they make there.
 */
@PlatformAdminOnly("")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 15)
public class PlatformAdminInterceptor {

    @Inject
    SecurityEvents events;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        Caller caller = null;
        Tenant tenant = null;
        for (Object parameter : invocation.getParameters()) {
            if (parameter instanceof Caller c) {
                caller = c;
            } else if (parameter instanceof Tenant t) {
                tenant = t;
            }
        }
        if (caller == null && tenant != null) {
            caller = tenant.caller();
        }
        if (caller == null) {
            throw new IllegalStateException("@PlatformAdminOnly method without a Caller or Tenant argument: " + method);
        }
        if (!caller.platformAdmin()) {
            throw new Forbidden("Only platform administrators " + action(method) + ".");
        }
        if (tenant != null && tenant.isResolved() && tenant.isOutsideAdmin()) {
            events.record(
                    "platform-admin-access",
                    caller,
                    tenant.orgId(),
                    "platform-admin via " + method.getDeclaringClass().getSimpleName() + "." + method.getName());
        }
        return invocation.proceed();
    }

    private static String action(Method method) {
        PlatformAdminOnly marker = method.getAnnotation(PlatformAdminOnly.class);
        if (marker == null) {
            marker = method.getDeclaringClass().getAnnotation(PlatformAdminOnly.class);
        }
        return marker.value();
    }
}
