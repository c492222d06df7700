-- Categories: an organization's tree of classifications for its business records (products,
-- documents, assets, cost centres), each of one type. A tree kind (V27): the database keeps each
-- category's path, so a subtree is one index range. Names are unique among siblings of one type
-- whatever the case; slugs are unique in the organization.
CREATE TABLE category (
    id             uuid        PRIMARY KEY,
    org_id         uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    parent_id      uuid,
    path           text        COLLATE "C" NOT NULL,
    depth          integer     NOT NULL,
    name           text        NOT NULL,
    slug           text        NOT NULL,
    category_type  text        NOT NULL,
    description    text,
    active         boolean     NOT NULL DEFAULT true,
    custom_fields  jsonb       NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    created_by     uuid,
    updated_by     uuid,
    version        bigint      NOT NULL DEFAULT 0,
    CONSTRAINT category_org_id_key UNIQUE (org_id, id),
    CONSTRAINT category_slug_key UNIQUE (org_id, slug),
    -- A parent is a category of the same organization; a parent with children cannot go.
    CONSTRAINT category_parent_fk FOREIGN KEY (org_id, parent_id) REFERENCES category (org_id, id),
    CONSTRAINT category_not_own_parent CHECK (parent_id <> id),
    CONSTRAINT category_depth_range CHECK (depth BETWEEN 1 AND 64),
    CONSTRAINT category_path_shape CHECK (
        char_length(path) = 33 * depth AND right(path, 33) = replace(id::text, '-', '') || '/'),
    CONSTRAINT category_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT category_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 100),
    CONSTRAINT category_type_known CHECK (
        category_type IN ('product', 'document', 'asset', 'cost-centre', 'other')),
    CONSTRAINT category_description_length CHECK (char_length(description) <= 4000),
    CONSTRAINT category_custom_fields_object CHECK (jsonb_typeof(custom_fields) = 'object')
);
CREATE UNIQUE INDEX category_sibling_name_key
    ON category (org_id, parent_id, category_type, lower(name)) NULLS NOT DISTINCT;
CREATE INDEX category_org_path_idx ON category (org_id, path);
CREATE INDEX category_org_name_idx ON category (org_id, name, id);
CREATE INDEX category_org_parent_idx ON category (org_id, parent_id);

ALTER TABLE category ENABLE ROW LEVEL SECURITY;
ALTER TABLE category FORCE ROW LEVEL SECURITY;
CREATE POLICY category_tenant ON category
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON category TO "${app_role}";

SELECT tree_declare('category');

-- Categories carry tags and custom fields like the other extensible kinds.
CREATE TRIGGER category_tagging_forget AFTER DELETE ON category
    FOR EACH ROW EXECUTE FUNCTION tagging_forget('category');
ALTER TABLE tagging DROP CONSTRAINT tagging_entity_known,
    ADD CONSTRAINT tagging_entity_known
        CHECK (entity IN ('organization', 'department', 'team', 'contact', 'category'));
ALTER TABLE custom_field DROP CONSTRAINT custom_field_entity_known,
    ADD CONSTRAINT custom_field_entity_known
        CHECK (entity IN ('organization', 'department', 'team', 'contact', 'category'));
