-- Organization settings and feature flags.
--
-- Settings: one JSON document per organization, validated key by key by the application
-- (io.orgbase.settings); absent keys take their defaults, so the document holds only what an
-- organization changed.
CREATE TABLE organization_settings (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    settings    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid,
    updated_by  uuid,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT organization_settings_org_key UNIQUE (org_id),
    CONSTRAINT organization_settings_object CHECK (jsonb_typeof(settings) = 'object')
);
ALTER TABLE organization_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_settings_tenant ON organization_settings
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

-- Feature flags: the platform's catalogue with a default each (platform vocabulary, no tenant),
-- and per-organization overrides (tenant rows). The effective value is the override, else the
-- default.
CREATE TABLE feature (
    id                  uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    key                 text        NOT NULL,
    name                text        NOT NULL,
    description         text,
    enabled_by_default  boolean     NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    version             bigint      NOT NULL DEFAULT 0,
    CONSTRAINT feature_key_key UNIQUE (key),
    CONSTRAINT feature_key_format CHECK (key ~ '^[a-z][a-z0-9-]{1,49}$'),
    CONSTRAINT feature_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    CONSTRAINT feature_description_length CHECK (char_length(description) <= 1000)
);

-- The features the application checks (@RequiresFeature); a key the code does not know is inert.
INSERT INTO feature (key, name, description, enabled_by_default) VALUES
    ('custom-roles', 'Custom roles', 'Define roles of your own beyond owner, admin, member and viewer.', true),
    ('api-keys', 'API keys', 'Create API keys for integrations.', true),
    ('invitations', 'Invitations', 'Invite people by email.', true);

CREATE TABLE organization_feature (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    feature_key  text        NOT NULL REFERENCES feature (key) ON DELETE CASCADE,
    enabled      boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    created_by   uuid,
    updated_by   uuid,
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT organization_feature_key UNIQUE (org_id, feature_key)
);
ALTER TABLE organization_feature ENABLE ROW LEVEL SECURITY;
ALTER TABLE organization_feature FORCE ROW LEVEL SECURITY;
CREATE POLICY organization_feature_tenant ON organization_feature
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

GRANT SELECT, INSERT, UPDATE, DELETE ON organization_settings, feature, organization_feature TO "${app_role}";
