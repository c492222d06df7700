package io.orgbase.tenancy;

/** Names shared by the ORM and the database halves of tenant isolation. */
public final class Tenancy {

    /** EntityManager property holding the current organization id (EclipseLink discriminator). */
    public static final String TENANT_PROPERTY = "orgbase.tenant";

    /** PostgreSQL setting read by the row-level security policies; always set transaction-local. */
    public static final String ORG_SETTING = "orgbase.org_id";

    /** PostgreSQL setting naming the calling user, which lets a user read their own memberships. */
    public static final String USER_SETTING = "orgbase.user_id";

    /** PostgreSQL setting with the SHA-256 of a presented API key (see the api_key policies). */
    public static final String API_KEY_HASH_SETTING = "orgbase.api_key_hash";

    /** PostgreSQL setting with the SHA-256 of a presented invitation token. */
    public static final String INVITATION_HASH_SETTING = "orgbase.invitation_hash";

    private Tenancy() {}
}
