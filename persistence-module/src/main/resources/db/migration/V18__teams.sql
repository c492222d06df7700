-- Teams: cross-functional groups of an organization's members (from any departments), each member
-- a lead or a member of the team.
CREATE TABLE team (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    description  text,
    settings     jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    created_by   uuid,
    updated_by   uuid,
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT team_org_id_key UNIQUE (org_id, id),
    CONSTRAINT team_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT team_description_length CHECK (char_length(description) <= 4000),
    CONSTRAINT team_settings_object CHECK (jsonb_typeof(settings) = 'object')
);
-- Names are unique in an organization, whatever their case.
CREATE UNIQUE INDEX team_org_name_key ON team (org_id, lower(name));
CREATE INDEX team_org_name_idx ON team (org_id, name, id);

-- Leaving the organization takes a member out of its teams; a team's memberships go with it.
CREATE TABLE team_member (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL,
    team_id     uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    role        text        NOT NULL DEFAULT 'member',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid,
    updated_by  uuid,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT team_member_key UNIQUE (team_id, user_id),
    CONSTRAINT team_member_role_known CHECK (role IN ('lead', 'member')),
    CONSTRAINT team_member_team_fk FOREIGN KEY (org_id, team_id) REFERENCES team (org_id, id) ON DELETE CASCADE,
    CONSTRAINT team_member_membership_fk FOREIGN KEY (org_id, user_id)
        REFERENCES membership (org_id, user_id) ON DELETE CASCADE
);
CREATE INDEX team_member_org_user_idx ON team_member (org_id, user_id);
CREATE INDEX team_member_user_idx ON team_member (user_id);

-- A team member's own rows are visible to them outside the organization's context too (their teams
-- across organizations, like their memberships), and so are the teams those rows point to. Writes
-- happen only in the organization's context.
ALTER TABLE team_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_member FORCE ROW LEVEL SECURITY;
CREATE POLICY team_member_read ON team_member FOR SELECT
    USING (org_id = orgbase_current_org() OR user_id = orgbase_current_user());
CREATE POLICY team_member_insert ON team_member FOR INSERT WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY team_member_update ON team_member FOR UPDATE
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY team_member_delete ON team_member FOR DELETE USING (org_id = orgbase_current_org());

ALTER TABLE team ENABLE ROW LEVEL SECURITY;
ALTER TABLE team FORCE ROW LEVEL SECURITY;
CREATE POLICY team_read ON team FOR SELECT
    USING (org_id = orgbase_current_org()
        OR id IN (SELECT team_id FROM team_member WHERE user_id = orgbase_current_user()));
CREATE POLICY team_insert ON team FOR INSERT WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY team_update ON team FOR UPDATE
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY team_delete ON team FOR DELETE USING (org_id = orgbase_current_org());

GRANT SELECT, INSERT, UPDATE, DELETE ON team, team_member TO "${app_role}";
