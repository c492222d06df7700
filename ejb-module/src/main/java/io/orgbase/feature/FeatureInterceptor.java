package io.orgbase.feature;

import io.orgbase.feature.control.FeatureFlags;
import io.orgbase.problems.Forbidden;
import io.orgbase.tenancy.Tenant;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/** Refuses a {@link RequiresFeature} call while the feature is off for the call's tenant. */
@RequiresFeature
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 25)
public class FeatureInterceptor {

    @Inject
    FeatureFlags flags;

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        String feature = required(invocation.getMethod());
        Tenant.of(invocation); // a feature is a tenant's: the call must name one
        if (!flags.isEnabled(feature)) {
            throw new Forbidden(
                    "feature-disabled", "The feature " + feature + " is switched off for this organization.");
        }
        return invocation.proceed();
    }

    static String required(Method method) {
        RequiresFeature annotation = method.getAnnotation(RequiresFeature.class);
        if (annotation == null) {
            annotation = method.getDeclaringClass().getAnnotation(RequiresFeature.class);
        }
        if (annotation == null || annotation.value().isEmpty()) {
            throw new IllegalStateException("no feature named on " + method);
        }
        return annotation.value();
    }
}
