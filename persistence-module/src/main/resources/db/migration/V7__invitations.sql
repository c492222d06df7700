-- Invitations to join an organization. The token is single use, expires, and can be revoked; only
-- its SHA-256 is stored. It is redeemed before the organization is known, so besides the tenant
-- the policy admits exactly the row whose hash the transaction presents in orgbase.invitation_hash.
CREATE TABLE invitation (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    email        text        NOT NULL,
    role         text        NOT NULL,
    token_hash   text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    invited_by   uuid        REFERENCES app_user (id) ON DELETE SET NULL,
    accepted_at  timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT invitation_token_key UNIQUE (token_hash),
    CONSTRAINT invitation_role_known CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
    CONSTRAINT invitation_email_lowercase CHECK (email = lower(email))
);
-- one open invitation per person and organization
CREATE UNIQUE INDEX invitation_open_key ON invitation (org_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

ALTER TABLE invitation ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitation FORCE ROW LEVEL SECURITY;
CREATE POLICY invitation_read ON invitation FOR SELECT
    USING (org_id = orgbase_current_org()
           OR token_hash = nullif(current_setting('orgbase.invitation_hash', true), ''));
CREATE POLICY invitation_write ON invitation FOR UPDATE
    USING (org_id = orgbase_current_org()
           OR token_hash = nullif(current_setting('orgbase.invitation_hash', true), ''))
    WITH CHECK (org_id = orgbase_current_org()
                OR token_hash = nullif(current_setting('orgbase.invitation_hash', true), ''));
CREATE POLICY invitation_insert ON invitation FOR INSERT WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY invitation_delete ON invitation FOR DELETE USING (org_id = orgbase_current_org());

GRANT SELECT, INSERT, UPDATE, DELETE ON invitation TO "${app_role}";
