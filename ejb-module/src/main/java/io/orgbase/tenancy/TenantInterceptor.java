package io.orgbase.tenancy;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Sets the tenant of the current transaction before a {@link TenantScoped} method runs. */
@TenantScoped
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class TenantInterceptor {

    @Inject
    DatabaseSession session;

    @AroundInvoke
    public Object enter(InvocationContext invocation) throws Exception {
        Tenant tenant = Tenant.of(invocation);
        session.enterTenant(tenant.orgId(), tenant.caller().userId());
        return invocation.proceed();
    }
}
