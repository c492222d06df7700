-- An organization's own wording of a message (its subject and plain-text body, per language), used
-- instead of Orgbase's for mail in that organization. Mustache, checked when saved: only the
-- message's own values, no partials; the HTML part is the text, escaped.
CREATE TABLE mail_template_override (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    template    text        NOT NULL,
    language    text        NOT NULL,
    subject     text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid,
    updated_by  uuid,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT mail_template_override_key UNIQUE (org_id, template, language),
    CONSTRAINT mail_template_override_subject_length CHECK (char_length(subject) BETWEEN 1 AND 300),
    CONSTRAINT mail_template_override_body_length CHECK (char_length(body) BETWEEN 1 AND 10000),
    CONSTRAINT mail_template_override_language_length CHECK (char_length(language) BETWEEN 2 AND 35)
);
ALTER TABLE mail_template_override ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_template_override FORCE ROW LEVEL SECURITY;
CREATE POLICY mail_template_override_tenant ON mail_template_override
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_template_override TO "${app_role}";
