-- Announcements: an organization's message to all its people, a department with its subtree, a
-- team or a role. Sent once; a consumer fans it out as notifications in chunks (NotificationRules).
CREATE TABLE announcement (
    id             uuid        PRIMARY KEY,
    org_id         uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    title          text        NOT NULL,
    body           text,
    -- who it is for; kept apart from the target, which a deleted department or team clears
    audience       text        NOT NULL,
    department_id  uuid,
    team_id        uuid,
    role           text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    created_by     uuid,
    updated_by     uuid,
    version        bigint      NOT NULL DEFAULT 0,
    CONSTRAINT announcement_department_fk FOREIGN KEY (org_id, department_id)
        REFERENCES department (org_id, id) ON DELETE SET NULL (department_id),
    CONSTRAINT announcement_team_fk FOREIGN KEY (org_id, team_id)
        REFERENCES team (org_id, id) ON DELETE SET NULL (team_id),
    CONSTRAINT announcement_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT announcement_body_length CHECK (char_length(body) <= 4000),
    CONSTRAINT announcement_audience_known CHECK (audience IN ('everyone', 'department', 'team', 'role')),
    CONSTRAINT announcement_one_audience CHECK (num_nonnulls(department_id, team_id, role) <= 1),
    CONSTRAINT announcement_audience_target CHECK (
        (audience = 'everyone' AND num_nonnulls(department_id, team_id, role) = 0)
        OR (audience = 'department' AND team_id IS NULL AND role IS NULL)
        OR (audience = 'team' AND department_id IS NULL AND role IS NULL)
        OR (audience = 'role' AND role IS NOT NULL)),
    CONSTRAINT announcement_role_known CHECK (role IN ('owner', 'admin', 'member', 'viewer'))
);
CREATE INDEX announcement_org_time_idx ON announcement (org_id, created_at DESC, id);

ALTER TABLE announcement ENABLE ROW LEVEL SECURITY;
ALTER TABLE announcement FORCE ROW LEVEL SECURITY;
CREATE POLICY announcement_tenant ON announcement
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON announcement TO "${app_role}";
