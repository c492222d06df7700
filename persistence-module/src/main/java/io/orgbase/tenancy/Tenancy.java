package io.orgbase.tenancy;

/** Names shared by the ORM and the database halves of tenant isolation. */
public final class Tenancy {

    /** EntityManager property holding the current organization id (EclipseLink discriminator). */
    public static final String TENANT_PROPERTY = "orgbase.tenant";

    /** PostgreSQL setting read by the row-level security policies; always set transaction-local. */
    public static final String ORG_SETTING = "orgbase.org_id";

    /** PostgreSQL setting naming the calling user, which lets a user read their own memberships. */
    public static final String USER_SETTING = "orgbase.user_id";

    private Tenancy() {}
}
