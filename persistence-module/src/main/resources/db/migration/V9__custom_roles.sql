-- Custom roles of an organization: a named set of permissions that may inherit the permissions of
-- a system role (parent_role) or of another custom role of the same organization (parent_id).
-- Permissions are stored as their catalogue keys separated by single spaces.
CREATE TABLE org_role (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    role_key     text        NOT NULL,
    name         text        NOT NULL,
    description  text,
    permissions  text        NOT NULL DEFAULT '',
    parent_role  text,
    parent_id    uuid,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT org_role_org_id_key UNIQUE (org_id, id),
    CONSTRAINT org_role_org_id_key_key UNIQUE (org_id, id, role_key),
    CONSTRAINT org_role_key_key UNIQUE (org_id, role_key),
    CONSTRAINT org_role_key_format CHECK (role_key ~ '^[a-z][a-z0-9-]{1,62}$'),
    CONSTRAINT org_role_key_not_system CHECK (role_key NOT IN ('owner', 'admin', 'member', 'viewer')),
    CONSTRAINT org_role_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    CONSTRAINT org_role_permissions_format
        CHECK (permissions ~ '^([a-z-]+:[a-z-]+( [a-z-]+:[a-z-]+)*)?$'),
    CONSTRAINT org_role_parent_role_known CHECK (parent_role IN ('owner', 'admin', 'member', 'viewer')),
    CONSTRAINT org_role_one_parent CHECK (parent_role IS NULL OR parent_id IS NULL),
    -- the parent is a role of the same organization; a role with children cannot go
    CONSTRAINT org_role_parent_fk FOREIGN KEY (org_id, parent_id) REFERENCES org_role (org_id, id),
    CONSTRAINT org_role_not_own_parent CHECK (parent_id <> id)
);
CREATE INDEX org_role_parent_idx ON org_role (org_id, parent_id) WHERE parent_id IS NOT NULL;

ALTER TABLE org_role ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_role FORCE ROW LEVEL SECURITY;
CREATE POLICY org_role_tenant ON org_role
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

GRANT SELECT, INSERT, UPDATE, DELETE ON org_role TO "${app_role}";

-- A membership, API key or invitation holds either a system role (role_id NULL, role its name) or
-- a custom role (role_id set, role a copy of its immutable key, kept equal by the foreign key).
-- A custom role held by a membership cannot be deleted. Revoked or expired API keys and spent
-- invitations keep the key of a deleted role as history; only their role_id is cleared
-- (ON DELETE SET NULL with a column list needs PostgreSQL 15).
ALTER TABLE membership ADD COLUMN role_id uuid;
ALTER TABLE membership DROP CONSTRAINT membership_role_known;
ALTER TABLE membership ADD CONSTRAINT membership_role_known
    CHECK ((role_id IS NULL) = (role IN ('owner', 'admin', 'member', 'viewer')));
ALTER TABLE membership ADD CONSTRAINT membership_role_fk
    FOREIGN KEY (org_id, role_id, role) REFERENCES org_role (org_id, id, role_key);
CREATE INDEX membership_role_idx ON membership (org_id, role_id) WHERE role_id IS NOT NULL;

ALTER TABLE api_key ADD COLUMN role_id uuid;
ALTER TABLE api_key DROP CONSTRAINT api_key_role_known;
ALTER TABLE api_key ADD CONSTRAINT api_key_role_not_owner CHECK (role <> 'owner');
ALTER TABLE api_key ADD CONSTRAINT api_key_role_known
    CHECK (role_id IS NULL OR role NOT IN ('owner', 'admin', 'member', 'viewer'));
ALTER TABLE api_key ADD CONSTRAINT api_key_role_fk
    FOREIGN KEY (org_id, role_id, role) REFERENCES org_role (org_id, id, role_key) ON DELETE SET NULL (role_id);
CREATE INDEX api_key_role_idx ON api_key (org_id, role_id) WHERE role_id IS NOT NULL;

ALTER TABLE invitation ADD COLUMN role_id uuid;
ALTER TABLE invitation DROP CONSTRAINT invitation_role_known;
ALTER TABLE invitation ADD CONSTRAINT invitation_role_known
    CHECK (role_id IS NULL OR role NOT IN ('owner', 'admin', 'member', 'viewer'));
ALTER TABLE invitation ADD CONSTRAINT invitation_role_fk
    FOREIGN KEY (org_id, role_id, role) REFERENCES org_role (org_id, id, role_key) ON DELETE SET NULL (role_id);
CREATE INDEX invitation_role_idx ON invitation (org_id, role_id) WHERE role_id IS NOT NULL;
