package io.orgbase.extensible;

import io.orgbase.collections.Slice;
import io.orgbase.persistence.Extensible;
import io.orgbase.tag.control.Tags;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Attaches the extras of the extensible records a boundary call returns, in one query for all of
 * them, inside the call's transaction and tenant (it runs within the tenant and permission
 * interceptors). Records whose tags a write already set are left as they are.
 */
@ExtensibleResults
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 30)
public class ExtrasInterceptor {

    @Inject
    Tags tags;

    @AroundInvoke
    public Object attach(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        List<Extensible> bare = new ArrayList<>();
        collect(result, bare);
        if (!bare.isEmpty()) {
            tags.attach(bare);
        }
        return result;
    }

    private static void collect(Object result, List<Extensible> bare) {
        if (result instanceof Extensible record) {
            if (!record.tagsAttached()) {
                bare.add(record);
            }
        } else if (result instanceof Slice<?> slice) {
            collect(slice.items(), bare);
        } else if (result instanceof Collection<?> records) {
            for (Object record : records) {
                if (record instanceof Extensible extensible && !extensible.tagsAttached()) {
                    bare.add(extensible);
                }
            }
        }
    }
}
