package io.orgbase.access;

import io.orgbase.organization.OrganizationStatus;
import io.orgbase.problems.Forbidden;
import io.orgbase.tenancy.Tenant;
import java.util.Locale;

/**
 * What an organization's lifecycle allows. Active: everything roles allow. Suspended: everyone
 * reads, only owners and platform administrators change anything, API keys do not work.
 * Archived: read-only for everyone; only deleting it (owners, platform administrators) and the
 * lifecycle itself remain.
 */
public final class Lifecycle {

    private Lifecycle() {}

    /** Which calls a method's lifecycle rule limits ({@link RequiresPermission#lifecycle()}). */
    public enum Applies {
        /** calls needing a write permission: refused while suspended (but for owners) or archived */
        TO_WRITES,
        /** none: the method runs in every state, and its own rules decide who may change what */
        NEVER
    }

    /**
     * An API key works only while its organization is active.
     *
     * @throws Forbidden (kind {@code organization-suspended} or {@code organization-archived})
     */
    public static void admitApiKey(OrganizationStatus status) {
        if (status != OrganizationStatus.ACTIVE) {
            String name = status.name().toLowerCase(Locale.ROOT);
            throw new Forbidden(
                    "organization-" + name,
                    "The organization is " + name + ": its API keys do not work until it is active again.");
        }
    }

    /** @throws Forbidden (kind {@code organization-suspended} or {@code organization-archived}) */
    public static void check(Tenant tenant, Permission needed) {
        if (!needed.isWrite()) {
            return;
        }
        OrganizationStatus status = tenant.status();
        if (status == OrganizationStatus.SUSPENDED && !tenant.actsAsOwner()) {
            throw new Forbidden(
                    "organization-suspended",
                    "The organization is suspended: it can be read; only its owners can change it.");
        }
        if (status == OrganizationStatus.ARCHIVED
                && !(needed == Permission.ORGANIZATION_DELETE && tenant.actsAsOwner())) {
            throw new Forbidden("organization-archived", "The organization is archived: it is read-only.");
        }
    }
}
