-- API keys: a service's credential inside one organization, with a role of that organization.
-- Only a SHA-256 of the key is stored. A key is found by its hash before the organization is
-- known, so besides the tenant the policy admits exactly the row whose hash the transaction
-- presents in orgbase.api_key_hash: whoever holds a key can see that key's row, and nothing else.
CREATE TABLE api_key (
    id            uuid        PRIMARY KEY,
    org_id        uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    prefix        text        NOT NULL,
    key_hash      text        NOT NULL,
    role          text        NOT NULL,
    expires_at    timestamptz,
    created_by    uuid        REFERENCES app_user (id) ON DELETE SET NULL,
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 0,
    CONSTRAINT api_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_key_org_name_key UNIQUE (org_id, name),
    CONSTRAINT api_key_role_known CHECK (role IN ('admin', 'member', 'viewer')),
    CONSTRAINT api_key_name_length CHECK (char_length(name) BETWEEN 1 AND 100)
);
CREATE INDEX api_key_org_idx ON api_key (org_id, created_at);

ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY api_key_read ON api_key FOR SELECT
    USING (org_id = orgbase_current_org()
           OR key_hash = nullif(current_setting('orgbase.api_key_hash', true), ''));
CREATE POLICY api_key_touch ON api_key FOR UPDATE
    USING (org_id = orgbase_current_org()
           OR key_hash = nullif(current_setting('orgbase.api_key_hash', true), ''))
    WITH CHECK (org_id = orgbase_current_org()
                OR key_hash = nullif(current_setting('orgbase.api_key_hash', true), ''));
CREATE POLICY api_key_insert ON api_key FOR INSERT WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY api_key_delete ON api_key FOR DELETE USING (org_id = orgbase_current_org());

GRANT SELECT, INSERT, UPDATE, DELETE ON api_key TO "${app_role}";
