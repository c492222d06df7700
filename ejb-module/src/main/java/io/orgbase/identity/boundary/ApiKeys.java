package io.orgbase.identity.boundary;

import io.orgbase.access.Caller.ApiKeyGrant;
import io.orgbase.access.Permission;
import io.orgbase.access.PublicAccess;
import io.orgbase.access.RequiresPermission;
import io.orgbase.access.Role;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.control.RoleResolver;
import io.orgbase.audit.Audited;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.feature.RequiresFeature;
import io.orgbase.identity.ApiKey;
import io.orgbase.identity.control.SecretTokens;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.problems.PreconditionFailed;
import io.orgbase.problems.Unauthenticated;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenancy;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.config.QueryHints;

/**
 * API keys: 256-bit secrets with a recognisable prefix, shown once and stored as SHA-256, each
 * bound to one organization and one role there. A key is found by its hash alone; the database
 * shows a transaction only the key row whose hash it presents.
 */
@Stateless
@Audited
public class ApiKeys {

    static final String PREFIX = "obk_";
    private static final int SHOWN_PREFIX = PREFIX.length() + 8;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    DatabaseSession session;

    @Inject
    RoleResolver roles;

    @Inject
    CollectionQueries collections;

    /** The operator's budget per signed-in user or key (0: unlimited, then keys may ask up to this). */
    @Inject
    @ConfigProperty(name = "orgbase.rate-limit.per-principal", defaultValue = "600")
    int perPrincipal;

    /** The highest budget a key may be given when the operator sets no per-principal limit. */
    public static final int MAX_RATE_LIMIT = 1_000_000;

    /** A key just created, with the secret that is never shown again. */
    public record Created(ApiKey key, String secret) {}

    /**
     * @return what the presented key may do
     * @throws Unauthenticated when the key is unknown, revoked or expired (the same answer for all)
     */
    @PublicAccess
    public ApiKeyGrant authenticate(String presented) {
        String hash = SecretTokens.hash(presented);
        session.presentSecret(Tenancy.API_KEY_HASH_SETTING, hash);
        List<?> found = em.createNativeQuery(
                        "update api_key set last_used_at = now() where key_hash = ?1 and revoked_at is null"
                                + " and (expires_at is null or expires_at > now()) returning id, org_id, role, role_id, rate_limit_per_minute")
                .setParameter(1, hash)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (found.isEmpty()) {
            throw new Unauthenticated("The API key is not valid.");
        }
        Object[] key = (Object[]) found.get(0);
        RoleAssignment role = key[3] == null
                ? Optional.ofNullable(Role.byKey(key[2].toString()))
                        .map(RoleAssignment::system)
                        .orElse(null)
                : RoleAssignment.custom(Ids.of(key[3]), key[2].toString());
        if (role == null) {
            // a key whose custom role was deleted: only revoked or expired keys can be in that state
            throw new Unauthenticated("The API key is not valid.");
        }
        return new ApiKeyGrant(
                Ids.of(key[0]), Ids.of(key[1]), role, key[4] == null ? null : ((Number) key[4]).intValue());
    }

    /**
     * @throws jakarta.validation.ConstraintViolationException naming every field that breaks the
     *     request's constraints (an owner role among them), all at once
     * @throws InvalidInput when the budget is above the per-principal limit or the role unknown
     * @throws Forbidden when the key's role would grant a permission the caller lacks
     */
    @TenantScoped
    @RequiresFeature("api-keys")
    @RequiresPermission(Permission.API_KEYS_WRITE)
    public Created create(Tenant tenant, ApiKeyRequest request) {
        if (tenant.caller().isApiKey()) {
            throw new Forbidden("API keys cannot create API keys.");
        }
        // judged after the refusal above: an API key hears 403 whatever it sent
        Set<ConstraintViolation<ApiKeyRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        // a key's own budget is a limit below the operator's, never a way around it
        Integer rateLimitPerMinute = request.rateLimitPerMinute();
        if (perPrincipal > 0 && rateLimitPerMinute != null && rateLimitPerMinute > perPrincipal) {
            throw InvalidInput.field("rateLimitPerMinute", "must be between 1 and " + perPrincipal);
        }
        String roleKey = request.role();
        String name = request.name();
        OffsetDateTime expiresAt = request.expiresAt();
        RoleAssignment role = roles.byKey("role", roleKey);
        roles.requireGrantable(tenant, role);
        String secret = SecretTokens.generate(PREFIX);
        ApiKey key = new ApiKey(name, secret.substring(0, SHOWN_PREFIX), SecretTokens.hash(secret), role, expiresAt);
        key.setRateLimitPerMinute(rateLimitPerMinute);
        em.persist(key);
        em.flush();
        return new Created(key, secret);
    }

    /** Sorting, filtering and search on keys; oldest first unless asked otherwise. */
    public static final CollectionSpec<ApiKey> COLLECTION = CollectionSpec.of(ApiKey.class)
            .sortable("name", "name", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("prefix", "prefix", FieldType.STRING, true)
            .filterable("role", "role.roleKey", FieldType.STRING, false)
            .filterable("expiresAt", "expiresAt", FieldType.TIMESTAMP, false)
            .filterable("lastUsedAt", "lastUsedAt", FieldType.TIMESTAMP, false)
            .filterable("revokedAt", "revokedAt", FieldType.TIMESTAMP, false)
            .filterable("createdBy", "createdBy", FieldType.UUID, false)
            .defaultSort("createdAt", false)
            .build();

    /** The organization's keys, revoked ones included (filter {@code revokedAt isnull} for the live ones). */
    @TenantScoped
    @RequiresPermission(Permission.API_KEYS_READ)
    public Slice<ApiKey> list(Tenant tenant, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when the organization has no key with this id */
    @TenantScoped
    @RequiresPermission(Permission.API_KEYS_READ)
    public ApiKey get(Tenant tenant, UUID id) {
        return require(id);
    }

    /**
     * Revokes a key (revoking a revoked key changes nothing).
     *
     * @throws NotFound when the organization has no key with this id
     * @throws PreconditionFailed when the key changed since the caller's {@code If-Match}
     * @throws Forbidden when the key's role grants a permission the caller lacks
     */
    @TenantScoped
    @RequiresPermission(Permission.API_KEYS_WRITE)
    public ApiKey revoke(Tenant tenant, UUID id, Precondition precondition) {
        ApiKey key = require(id);
        precondition.check(key);
        if (key.getRevokedAt() == null) {
            roles.requireCovered(tenant, key.getRole(), "You cannot revoke a key whose role grants more than you hold");
            key.revoke(OffsetDateTime.now(ZoneOffset.UTC));
            em.flush();
        }
        return key;
    }

    private ApiKey require(UUID id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw new NotFound("No such API key.");
        }
        return key;
    }
}
