package io.orgbase.tenancy;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Before a {@link TenantScoped} method runs: resolves its tenant ({@link TenantResolution}) if this is the
 * request's first boundary call, and sets the tenant of the current transaction. Interceptors run in the business
 * method's transaction, so resolving and acting share one.
 */
@TenantScoped
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class TenantInterceptor {

    @Inject
    DatabaseSession session;

    @Inject
    TenantResolution resolution;

    @AroundInvoke
    public Object enter(InvocationContext invocation) throws Exception {
        Tenant tenant = Tenant.of(invocation);
        if (!tenant.isResolved()) {
            tenant.resolve(resolution.resolve(tenant));
        }
        session.enterTenant(tenant.orgId(), tenant.caller().userId());
        return invocation.proceed();
    }
}
