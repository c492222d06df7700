package io.orgbase.api;

import io.orgbase.access.Caller.ApiKeyGrant;
import io.orgbase.identity.boundary.ApiKeys;
import io.orgbase.problems.TooManyRequests;
import io.orgbase.problems.Unauthenticated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BiConsumer;

/**
 * Checks a presented API key and records the grant for {@link Callers}; the one check behind REST's
 * {@code X-API-Key} and SOAP's key in a header, in HTTP Basic or in a UsernameToken. A key that fails
 * spends from its address's budget (requests without a principal share it), and once that is spent,
 * keys from the address are refused before the database is asked.
 */
@ApplicationScoped
public class ApiKeyCheck {

    /** Request attribute: a key was checked (and a failure counted against the address). */
    public static final String CHECKED = "io.orgbase.apiKeyChecked";

    @Inject
    ApiKeys apiKeys;

    @Inject
    RateLimits limits;

    @Inject
    ClientAddress clientAddress;

    /**
     * @param address the client's address ({@link ClientAddress})
     * @param attributes sets an attribute of the request (REST: a property of the JAX-RS request,
     *     which is an attribute of its servlet request)
     * @throws Unauthenticated for a key that is not a live key
     * @throws TooManyRequests when the address has failed too often
     */
    public ApiKeyGrant authenticate(String apiKey, String address, BiConsumer<String, Object> attributes) {
        attributes.accept(CHECKED, Boolean.TRUE);
        boolean counted = !clientAddress.isTrustedProxy(address);
        String bucket = limits.addressBucket(address);
        long wait = counted ? limits.spentFor(bucket, limits.perAddress()) : 0;
        if (wait > 0) {
            throw new TooManyRequests("Too many requests without valid credentials from this address.", wait);
        }
        try {
            ApiKeyGrant grant = apiKeys.authenticate(apiKey.strip());
            attributes.accept(Callers.API_KEY_ATTRIBUTE, grant);
            return grant;
        } catch (Unauthenticated refused) {
            if (counted) {
                limits.take(bucket, limits.perAddress());
            }
            throw refused;
        }
    }
}
