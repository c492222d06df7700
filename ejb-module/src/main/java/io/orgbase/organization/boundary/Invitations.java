package io.orgbase.organization.boundary;

import io.orgbase.access.Permission;
import io.orgbase.access.PublicAccess;
import io.orgbase.access.RequiresPermission;
import io.orgbase.access.RoleAssignment;
import io.orgbase.access.control.RoleResolver;
import io.orgbase.audit.Actor;
import io.orgbase.audit.Audited;
import io.orgbase.audit.RequestInfo;
import io.orgbase.audit.control.AuditTrail;
import io.orgbase.collections.CollectionQueries;
import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.CollectionSpec;
import io.orgbase.collections.FieldType;
import io.orgbase.collections.Slice;
import io.orgbase.feature.RequiresFeature;
import io.orgbase.identity.User;
import io.orgbase.identity.boundary.EmailOwnership;
import io.orgbase.identity.boundary.NewUser;
import io.orgbase.identity.control.Accounts;
import io.orgbase.identity.control.ActionQuota;
import io.orgbase.identity.control.Credentials;
import io.orgbase.identity.control.Emails;
import io.orgbase.identity.control.SecretThrottle;
import io.orgbase.identity.control.SecretTokens;
import io.orgbase.mail.Mailer;
import io.orgbase.mail.Mailer.Mail;
import io.orgbase.organization.Invitation;
import io.orgbase.organization.Membership;
import io.orgbase.organization.Organization;
import io.orgbase.organization.control.TenantMembers;
import io.orgbase.persistence.Ids;
import io.orgbase.problems.Conflict;
import io.orgbase.problems.FieldError;
import io.orgbase.problems.Forbidden;
import io.orgbase.problems.InvalidInput;
import io.orgbase.problems.NotFound;
import io.orgbase.problems.PreconditionFailed;
import io.orgbase.requests.Precondition;
import io.orgbase.tenancy.DatabaseSession;
import io.orgbase.tenancy.Tenancy;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Validator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.persistence.config.QueryHints;

/**
 * Invitations: an owner or admin invites an email with a role; whoever holds the single-use token
 * joins (an account is created with a password when the email has none). Tokens expire and can be
 * revoked; only their SHA-256 is stored.
 */
@Stateless
@Audited
public class Invitations {

    @Inject
    AuditTrail trail;

    private static final String PREFIX = "obi_";

    /** Where the emailed link leads: a page that asks before it accepts. */
    public static final String JOIN_PAGE = "/account/join?token=";

    /** How often one invitation may be sent again per window. */
    static final int RESENDS_PER_INVITATION = 3;

    /** How many invitation messages one address may receive per window. */
    static final int INVITATIONS_PER_ADDRESS = 10;

    @PersistenceContext(unitName = "orgbase")
    EntityManager em;

    @Inject
    TenantMembers members;

    @Inject
    DatabaseSession session;

    @Inject
    Accounts accounts;

    @Inject
    Validator validator;

    @Inject
    SecretThrottle throttle;

    @Inject
    RequestInfo request;

    @Inject
    RoleResolver roles;

    @Inject
    @ConfigProperty(name = "orgbase.invitation.lifetime", defaultValue = "P7D")
    Duration lifetime;

    /** Sorting, filtering and search on invitations; newest first unless asked otherwise. */
    public static final CollectionSpec<Invitation> COLLECTION = CollectionSpec.of(Invitation.class)
            .sortable("email", "email", FieldType.STRING, true)
            .sortable("createdAt", "createdAt", FieldType.TIMESTAMP, false)
            .sortable("expiresAt", "expiresAt", FieldType.TIMESTAMP, false)
            .filterable("id", "id", FieldType.UUID, false)
            .filterable("role", "role.roleKey", FieldType.STRING, false)
            .filterable("acceptedAt", "acceptedAt", FieldType.TIMESTAMP, false)
            .filterable("revokedAt", "revokedAt", FieldType.TIMESTAMP, false)
            .filterable("invitedBy", "invitedBy", FieldType.UUID, false)
            .defaultSort("createdAt", true)
            .build();

    @Inject
    CollectionQueries collections;

    @Inject
    Mailer mailer;

    @Inject
    ActionQuota quota;

    @jakarta.ejb.EJB
    EmailOwnership ownership;

    /** An invitation just made, with the token that is never shown again. */
    public record Created(Invitation invitation, String token) {}

    /** What accepting an invitation did. */
    public record Accepted(Organization organization, User user, String role, boolean accountCreated) {}

    /**
     * @param roleKey the key of a system role or of a custom role of the organization
     * @throws InvalidInput when the email is not an email address, or the organization has no such role
     * @throws Forbidden when the role grants a permission the caller lacks
     * @throws Conflict when the email already belongs to a member, or has an open invitation
     */
    @TenantScoped
    @RequiresFeature("invitations")
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public Created invite(Tenant tenant, String email, String roleKey) {
        // the same rule an account's email follows: the invitation becomes one
        validator.validateValue(NewUser.class, "email", email).stream()
                .findFirst()
                .ifPresent(problem -> {
                    throw InvalidInput.field("email", problem.getMessage());
                });
        RoleAssignment role = roles.byKey("role", roleKey);
        roles.requireGrantable(tenant, role);
        String normalized = Emails.normalize(email);
        accounts.owner(normalized).ifPresent(user -> {
            if (members.isMember(tenant, user.getId())) {
                throw new Conflict("This person is already a member.");
            }
        });
        String token = SecretTokens.generate(PREFIX);
        Invitation invitation = new Invitation(
                normalized,
                role,
                SecretTokens.hash(token),
                now().plus(lifetime),
                tenant.caller().userId());
        em.persist(invitation);
        em.flush();
        mail(tenant, invitation);
        return new Created(invitation, token);
    }

    /**
     * Sends a pending invitation to its address again, with a new link (the one sent before stops
     * working; the inviter's copy of the token stays valid).
     *
     * @throws NotFound when the organization has no invitation with this id
     * @throws Conflict when the invitation is not pending
     * @throws Forbidden when the invitation's role grants a permission the caller lacks
     * @throws io.orgbase.problems.TooManyRequests past {@value #RESENDS_PER_INVITATION} sends in 15 minutes
     */
    @TenantScoped
    @RequiresFeature("invitations")
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public Invitation resend(Tenant tenant, UUID id) {
        Invitation invitation = require(id);
        if (!"pending".equals(invitation.status(now()))) {
            throw new Conflict("Only a pending invitation can be sent again.");
        }
        roles.requireCovered(
                tenant, invitation.getRole(), "You cannot send an invitation to a role that grants more than you hold");
        quota.spend(
                "invitation:" + id,
                RESENDS_PER_INVITATION,
                "This invitation was sent several times just now; wait a few minutes.");
        mail(tenant, invitation);
        trail.record("invitation-resent", "invitation", id, Map.of("email", invitation.getEmail()));
        return invitation;
    }

    private void mail(Tenant tenant, Invitation invitation) {
        // however often an address is invited, revoked and invited again, by one organization or many
        quota.spend(
                "invite-to:" + invitation.getEmail(),
                INVITATIONS_PER_ADDRESS,
                "This address was sent several invitations just now; wait a few minutes.");
        String token = SecretTokens.generate(PREFIX);
        invitation.mailTo(SecretTokens.hash(token));
        em.flush();
        User inviter = tenant.caller().isApiKey()
                ? null
                : em.find(User.class, tenant.caller().userId());
        Organization organization = em.find(Organization.class, tenant.orgId());
        List<String> languages = new ArrayList<>();
        accounts.owner(invitation.getEmail()).map(User::getLanguage).ifPresent(languages::add);
        mailer.queue(new Mail(
                "invitation",
                invitation.getEmail(),
                null,
                tenant.orgId(),
                languages,
                Map.of(
                        "inviter", inviter == null ? organization.getName() : inviter.getDisplayName(),
                        "organization", organization.getName(),
                        "role", invitation.getRole().key(),
                        "email", invitation.getEmail(),
                        "link", mailer.link(JOIN_PAGE + token),
                        "days",
                                Math.max(
                                        1,
                                        Duration.between(now(), invitation.getExpiresAt())
                                                .toDays()))));
    }

    /** The organization's invitations, newest first, in every state. */
    @TenantScoped
    @RequiresPermission(Permission.MEMBERS_READ)
    public Slice<Invitation> list(Tenant tenant, CollectionRequest request) {
        return collections.page(COLLECTION, request);
    }

    /** @throws NotFound when the organization has no invitation with this id */
    @TenantScoped
    @RequiresPermission(Permission.MEMBERS_READ)
    public Invitation get(Tenant tenant, UUID id) {
        return require(id);
    }

    /**
     * Revokes a pending invitation (an accepted, expired or revoked one stays as it is).
     *
     * @throws NotFound when the organization has no invitation with this id
     * @throws PreconditionFailed when the invitation changed since the caller's {@code If-Match}
     * @throws Forbidden when the invitation's role grants a permission the caller lacks
     */
    @TenantScoped
    @RequiresPermission(Permission.MEMBERS_WRITE)
    public Invitation revoke(Tenant tenant, UUID id, Precondition precondition) {
        Invitation invitation = require(id);
        precondition.check(invitation);
        if ("pending".equals(invitation.status(now()))) {
            roles.requireCovered(
                    tenant,
                    invitation.getRole(),
                    "You cannot revoke an invitation to a role that grants more than you hold");
            invitation.revoke(now());
            em.flush();
        }
        return invitation;
    }

    /**
     * Joins the invitation's organization with its role.
     *
     * @param password and {@code displayName} create the account when no verified account owns the
     *     email (an unverified account of the email joins instead when this is its password);
     *     ignored when one does
     * @throws NotFound when the token is unknown, used, revoked or expired (one answer for all)
     * @throws InvalidInput when an account must be created and the password or name is missing or weak
     * @throws Conflict when the person already is a member
     */
    @PublicAccess
    public Accepted accept(String token, String password, String displayName) {
        String hash = SecretTokens.hash(token);
        session.presentSecret(Tenancy.INVITATION_HASH_SETTING, hash);
        List<?> rows = em.createNativeQuery("select id, org_id, email_token_hash = ?1 from invitation"
                        + " where (token_hash = ?1 or email_token_hash = ?1)"
                        + " and accepted_at is null and revoked_at is null and expires_at > now() for update")
                .setParameter(1, hash)
                .setHint(QueryHints.ALLOW_NATIVE_SQL_QUERY, true)
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("No such invitation, or it was used, revoked or has expired.");
        }
        Object[] row = (Object[]) rows.get(0);
        UUID orgId = Ids.of(row[1]);
        // the link sent to the address proves it; the inviter's copy of the token does not
        boolean addressProven = Boolean.TRUE.equals(row[2]);
        session.enterTenant(orgId, null);
        Invitation invitation = em.find(Invitation.class, Ids.of(row[0]));
        if (!invitation.getRole().exists()) {
            throw new Conflict("The role this invitation offers was deleted; ask for a new invitation.");
        }
        User user = accounts.owner(invitation.getEmail()).orElse(null);
        boolean created = false;
        if (user == null) {
            // Nobody owns the address. Unverified accounts may claim it, but the token proves nothing
            // about them (the inviter may hold it): the answer is the one for an unknown email, and
            // the invitation joins a claim only when its password is given.
            requireNewAccountFields(password, displayName);
            Credentials.requireBoundedPassword("password", password);
            // joining a claim by its password is a password check: throttled and counted like sign-in
            throttle.check(invitation.getEmail(), request.clientAddress());
            user = accounts.claimWithPassword(invitation.getEmail(), password).orElse(null);
            if (user == null) {
                if (accounts.isClaimed(invitation.getEmail())) {
                    throttle.recordFailure(invitation.getEmail(), request.clientAddress());
                }
                user = accounts.register(
                        invitation.getEmail(),
                        displayName,
                        password,
                        false,
                        addressProven ? Accounts.VERIFIED_BY_LINK : null);
                created = true;
            } else if (addressProven) {
                accounts.verify(user, Accounts.VERIFIED_BY_LINK);
            }
            if (!user.isEmailVerified()) {
                // signed up with the inviter's copy: the address is still to be proven
                ownership.welcome(user.getId(), orgId);
            }
        }
        if (!created && members.in(orgId, user.getId()).isPresent()) {
            throw new Conflict("You already are a member of this organization.");
        }
        trail.actAs(Actor.user(user.getId(), user.getEmail()));
        em.persist(new Membership(orgId, user.getId(), invitation.getRole()));
        invitation.accept(now());
        em.flush();
        return new Accepted(
                em.find(Organization.class, orgId), user, invitation.getRole().key(), created);
    }

    private void requireNewAccountFields(String password, String displayName) {
        List<FieldError> missing = new ArrayList<>();
        if (password == null) {
            missing.add(new FieldError("password", "is required to create your account"));
        }
        if (displayName == null || displayName.isBlank()) {
            missing.add(new FieldError("displayName", "is required to create your account"));
        } else if (displayName.codePoints().anyMatch(Character::isISOControl)) {
            missing.add(new FieldError("displayName", "must not contain control characters"));
        } else {
            validator.validateValue(NewUser.class, "displayName", displayName.strip()).stream()
                    .findFirst()
                    .ifPresent(problem -> missing.add(new FieldError("displayName", problem.getMessage())));
        }
        if (!missing.isEmpty()) {
            throw new InvalidInput("This email has no account yet: choose a password and a display name.", missing);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private Invitation require(UUID id) {
        Invitation invitation = em.find(Invitation.class, id);
        if (invitation == null) {
            throw new NotFound("No such invitation.");
        }
        return invitation;
    }
}
