package io.orgbase.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.orgbase.organization.OrganizationStatus;
import io.orgbase.problems.Forbidden;
import io.orgbase.tenancy.Tenant;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Whether the organization's lifecycle limits a call is declared beside its permission: by default
 * calls needing a write permission are refused while it is suspended (but for owners) or archived;
 * {@link Lifecycle.Applies#NEVER} lets a change run in every state, whatever permission it needs.
 */
class LifecycleRuleTest {

    /** Stands for boundary methods. */
    static final class Calls {
        @RequiresPermission(Permission.DEPARTMENTS_WRITE)
        public void change(Tenant tenant) {}

        @RequiresPermission(value = Permission.DEPARTMENTS_WRITE, lifecycle = Lifecycle.Applies.NEVER)
        public void changeInAnyState(Tenant tenant) {}

        @RequiresPermission(Permission.DEPARTMENTS_READ)
        public void read(Tenant tenant) {}
    }

    private static Tenant admin(OrganizationStatus status) {
        UUID org = UUID.randomUUID();
        return Tenant.resolved(
                Caller.user(UUID.randomUUID(), "a@it.example", false),
                new Tenant.Resolution(org, "acme", status, RoleGrant.system(Role.ADMIN)));
    }

    private static boolean ran(String method, Tenant tenant) throws Exception {
        boolean[] proceeded = {false};
        Method target = Calls.class.getMethod(method, Tenant.class);
        InvocationContext invocation = (InvocationContext) Proxy.newProxyInstance(
                LifecycleRuleTest.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class},
                (proxy, called, args) -> switch (called.getName()) {
                    case "getMethod" -> target;
                    case "getParameters" -> new Object[] {tenant};
                    case "proceed" -> {
                        proceeded[0] = true;
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(called.getName());
                });
        new PermissionInterceptor().check(invocation);
        return proceeded[0];
    }

    @Test
    void changesAreLimitedBySuspensionAndArchivingUnlessDeclaredOtherwise() throws Exception {
        for (OrganizationStatus status :
                new OrganizationStatus[] {OrganizationStatus.SUSPENDED, OrganizationStatus.ARCHIVED}) {
            Forbidden refused = catchThrowableOfType(() -> ran("change", admin(status)), Forbidden.class);
            assertThat(refused).as("%s", status).isNotNull();
            assertThat(ran("changeInAnyState", admin(status))).as("%s", status).isTrue();
            assertThat(ran("read", admin(status))).as("%s", status).isTrue();
        }
        assertThat(ran("change", admin(OrganizationStatus.ACTIVE))).isTrue();
    }
}
