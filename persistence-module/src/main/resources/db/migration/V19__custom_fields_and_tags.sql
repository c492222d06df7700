-- Custom fields and tags, per organization, on organizations, departments and teams (and contacts,
-- when they come).

-- An organization's own field definitions, per kind of record. The values live in a custom_fields
-- jsonb object on each record, validated against these definitions by the application.
CREATE TABLE custom_field (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    entity       text        NOT NULL,
    key          text        NOT NULL,
    label        text        NOT NULL,
    type         text        NOT NULL,
    required     boolean     NOT NULL DEFAULT false,
    enum_values  jsonb       NOT NULL DEFAULT '[]',
    position     integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    created_by   uuid,
    updated_by   uuid,
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT custom_field_key UNIQUE (org_id, entity, key),
    CONSTRAINT custom_field_entity_known CHECK (entity IN ('organization', 'department', 'team', 'contact')),
    CONSTRAINT custom_field_key_format CHECK (key ~ '^[a-z][a-zA-Z0-9_]{0,49}$'),
    CONSTRAINT custom_field_label_length CHECK (char_length(label) BETWEEN 1 AND 200),
    CONSTRAINT custom_field_type_known CHECK (type IN ('string', 'number', 'boolean', 'date', 'enum')),
    CONSTRAINT custom_field_enum_values CHECK (
        jsonb_typeof(enum_values) = 'array'
        AND (type = 'enum') = (jsonb_array_length(enum_values) > 0)),
    CONSTRAINT custom_field_position_range CHECK (position BETWEEN 0 AND 10000)
);
ALTER TABLE custom_field ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_field FORCE ROW LEVEL SECURITY;
CREATE POLICY custom_field_tenant ON custom_field
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

-- An organization's own tags sit on its row (a JSON array of names from its vocabulary): the row is
-- read outside the organization's context too (lists of organizations), where tagging rows are not.
ALTER TABLE organization
    ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN tags jsonb NOT NULL DEFAULT '[]',
    ADD CONSTRAINT organization_custom_fields_object CHECK (jsonb_typeof(custom_fields) = 'object'),
    ADD CONSTRAINT organization_tags_array CHECK (jsonb_typeof(tags) = 'array');
CREATE INDEX organization_tags_idx ON organization USING gin (tags);
ALTER TABLE department
    ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}',
    ADD CONSTRAINT department_custom_fields_object CHECK (jsonb_typeof(custom_fields) = 'object');
ALTER TABLE team
    ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}',
    ADD CONSTRAINT team_custom_fields_object CHECK (jsonb_typeof(custom_fields) = 'object');

-- Tags: free-form names per organization (unique whatever the case), attached to records through
-- tagging rows. Filtering by a tag is then equality on indexed columns, which the planner may use
-- below the row policies (array or jsonb containment would not be).
CREATE TABLE tag (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid,
    updated_by  uuid,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT tag_org_id_key UNIQUE (org_id, id),
    CONSTRAINT tag_name_format CHECK (char_length(name) BETWEEN 1 AND 50 AND name = btrim(name))
);
CREATE UNIQUE INDEX tag_org_name_key ON tag (org_id, lower(name));
ALTER TABLE tag ENABLE ROW LEVEL SECURITY;
ALTER TABLE tag FORCE ROW LEVEL SECURITY;
CREATE POLICY tag_tenant ON tag
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

CREATE TABLE tagging (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    tag_id      uuid        NOT NULL,
    entity      text        NOT NULL,
    entity_id   uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid,
    updated_by  uuid,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT tagging_key UNIQUE (tag_id, entity, entity_id),
    CONSTRAINT tagging_entity_known CHECK (entity IN ('organization', 'department', 'team', 'contact')),
    CONSTRAINT tagging_tag_fk FOREIGN KEY (org_id, tag_id) REFERENCES tag (org_id, id) ON DELETE CASCADE
);
CREATE INDEX tagging_record_idx ON tagging (org_id, entity, entity_id);
ALTER TABLE tagging ENABLE ROW LEVEL SECURITY;
ALTER TABLE tagging FORCE ROW LEVEL SECURITY;
CREATE POLICY tagging_tenant ON tagging
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

-- A tagging points at a record of one of several tables, so no foreign key can follow it; a
-- deleted record takes its taggings along through these triggers instead.
CREATE FUNCTION tagging_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM tagging WHERE entity = TG_ARGV[0] AND entity_id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER department_tagging_forget AFTER DELETE ON department
    FOR EACH ROW EXECUTE FUNCTION tagging_forget('department');
CREATE TRIGGER team_tagging_forget AFTER DELETE ON team
    FOR EACH ROW EXECUTE FUNCTION tagging_forget('team');

GRANT SELECT, INSERT, UPDATE, DELETE ON custom_field, tag, tagging TO "${app_role}";
