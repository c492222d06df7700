package io.orgbase.tenancy;

import io.orgbase.access.Caller;
import io.orgbase.access.SignIn;
import io.orgbase.organization.Membership;
import io.orgbase.organization.Organization;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.StepUpRequired;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a member may act through their membership right now: it is active, and their sign-in
 * meets the organization's policy (a second factor, a session no older than it allows). One rule
 * for every way in: resolving an organization for a request, and the lists that show a user their
 * organizations and teams across tenants. A membership that does not stand shows nothing of its
 * organization there.
 */
@Dependent
public class Standing {

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    DatabaseSession session;

    /**
     * @throws Forbidden when the membership is suspended
     * @throws StepUpRequired answered 401 with an RFC 9470 challenge when the sign-in falls short
     */
    public static void require(Organization organization, Membership membership, Caller caller) {
        if (!membership.isActive()) {
            throw new Forbidden("Your membership in this organization is suspended.");
        }
        requireSignInPolicy(organization, caller);
    }

    /** Whether {@link #require} would admit the member. */
    public static boolean admits(Organization organization, Membership membership, Caller caller) {
        return membership.isActive() && problem(organization, caller.signIn()).isEmpty();
    }

    /**
     * The caller's own memberships that stand, by organization id, read outside any tenant (the
     * user's memberships are readable by them).
     */
    public Map<UUID, Membership> of(Caller caller) {
        session.enterUser(caller.userId());
        List<Membership> memberships = em.createNamedQuery("Membership.ofUser", Membership.class)
                .setParameter("userId", caller.userId())
                .getResultStream()
                .filter(Membership::isActive)
                .toList();
        if (memberships.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Organization> organizations = em.createQuery(
                        "select o from Organization o where o.id in :ids", Organization.class)
                .setParameter(
                        "ids", memberships.stream().map(Membership::getOrgId).toList())
                .getResultStream()
                .collect(Collectors.toMap(Organization::getId, Function.identity()));
        return memberships.stream()
                .filter(m ->
                        organizations.containsKey(m.getOrgId()) && admits(organizations.get(m.getOrgId()), m, caller))
                .collect(Collectors.toMap(Membership::getOrgId, Function.identity()));
    }

    /**
     * The organization's security policy, for its members (API keys and platform administrators
     * acting without a membership are not members).
     *
     * @throws StepUpRequired answered 401 with an RFC 9470 challenge: sign in again, that way
     */
    public static void requireSignInPolicy(Organization organization, Caller caller) {
        requireSignInPolicy(organization.isRequireTwoFactor(), organization.getMaxSessionHours(), caller);
    }

    /** {@link #requireSignInPolicy(Organization, Caller)} with the policy as it was read (cached). */
    public static void requireSignInPolicy(boolean requireTwoFactor, Integer maxSessionHours, Caller caller) {
        problem(requireTwoFactor, maxSessionHours, caller.signIn()).ifPresent(refusal -> {
            throw refusal;
        });
    }

    private static Optional<StepUpRequired> problem(Organization organization, SignIn signIn) {
        return problem(organization.isRequireTwoFactor(), organization.getMaxSessionHours(), signIn);
    }

    private static Optional<StepUpRequired> problem(boolean requireTwoFactor, Integer hours, SignIn signIn) {
        if (requireTwoFactor && !signIn.multiFactor()) {
            return Optional.of(new StepUpRequired(
                    "two-factor-required",
                    "This organization requires two-factor sign-in: set up an authenticator app (/api/v1/me/2fa/totp)"
                            + " if you have none, then sign in again with it.",
                    "acr_values=\"mfa\""));
        }
        if (hours != null && signIn.olderThan(Duration.ofHours(hours), Instant.now())) {
            return Optional.of(new StepUpRequired(
                    "session-too-old",
                    "This organization ends sessions " + hours + " hours after sign-in: sign in again.",
                    "max_age=" + Duration.ofHours(hours).toSeconds()));
        }
        return Optional.empty();
    }
}
