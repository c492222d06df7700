-- Orgbase foundation schema: organizations (the tenants), platform-wide users, memberships and the
-- first tenant-owned table, departments. Runs as the schema owner; the application connects as
-- ${app_role}, which owns nothing here and is subject to every row-level security policy.

-- The tenant and the calling user of the current transaction. The application sets both with
-- set_config(..., true), so they vanish at commit or rollback. Unset or empty means NULL, and every
-- comparison with NULL is false: policies fail closed.
CREATE FUNCTION orgbase_current_org() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('orgbase.org_id', true), '')::uuid $$;

CREATE FUNCTION orgbase_current_user() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('orgbase.user_id', true), '')::uuid $$;

CREATE TABLE organization (
    id          uuid        PRIMARY KEY,
    slug        text        NOT NULL,
    name        text        NOT NULL,
    status      text        NOT NULL DEFAULT 'active',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT organization_slug_key UNIQUE (slug),
    CONSTRAINT organization_slug_format CHECK (slug ~ '^[a-z][a-z0-9-]{1,62}$'),
    CONSTRAINT organization_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT organization_status_known CHECK (status IN ('active', 'suspended', 'archived'))
);

CREATE TABLE app_user (
    id              uuid        PRIMARY KEY,
    email           text        NOT NULL,
    display_name    text        NOT NULL,
    password_hash   text        NOT NULL,
    platform_admin  boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    CONSTRAINT app_user_email_key UNIQUE (email),
    CONSTRAINT app_user_email_lowercase CHECK (email = lower(email))
);

CREATE TABLE membership (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT membership_org_user_key UNIQUE (org_id, user_id),
    CONSTRAINT membership_role_known CHECK (role IN ('owner', 'admin', 'member'))
);
CREATE INDEX membership_user_idx ON membership (user_id);

CREATE TABLE department (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    code        text        NOT NULL,
    parent_id   uuid,
    description text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT department_org_id_key UNIQUE (org_id, id),
    CONSTRAINT department_code_key UNIQUE (org_id, code),
    -- A parent is a department of the same organization; a parent with children cannot go.
    CONSTRAINT department_parent_fk FOREIGN KEY (org_id, parent_id) REFERENCES department (org_id, id),
    CONSTRAINT department_not_own_parent CHECK (parent_id <> id)
);
CREATE INDEX department_org_name_idx ON department (org_id, name, id);
CREATE INDEX department_org_parent_idx ON department (org_id, parent_id);

-- Row-level security: FORCE makes the policies apply to the table owner too.
ALTER TABLE department ENABLE ROW LEVEL SECURITY;
ALTER TABLE department FORCE ROW LEVEL SECURITY;
CREATE POLICY department_tenant ON department
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

-- A membership is visible in its organization's context and to its own user (to list "my
-- organizations"); it can only be written in its organization's context.
ALTER TABLE membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_read ON membership FOR SELECT
    USING (org_id = orgbase_current_org() OR user_id = orgbase_current_user());
CREATE POLICY membership_insert ON membership FOR INSERT
    WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY membership_update ON membership FOR UPDATE
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY membership_delete ON membership FOR DELETE
    USING (org_id = orgbase_current_org());

-- Organizations are readable by everyone (a slug must resolve before membership is known), but only
-- written in their own context: creating one sets the new id as the transaction's tenant first.
ALTER TABLE organization ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_read ON organization FOR SELECT USING (true);
CREATE POLICY organization_insert ON organization FOR INSERT WITH CHECK (id = orgbase_current_org());
CREATE POLICY organization_update ON organization FOR UPDATE
    USING (id = orgbase_current_org())
    WITH CHECK (id = orgbase_current_org());
CREATE POLICY organization_delete ON organization FOR DELETE USING (id = orgbase_current_org());

GRANT SELECT, INSERT, UPDATE, DELETE ON organization, app_user, membership, department TO "${app_role}";
GRANT SELECT ON "${flyway:table}" TO "${app_role}";
