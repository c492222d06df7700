-- Membership history for headcount over time, and when each member last acted in the organization.
--
-- A period per stay in an organization: joining opens one, leaving (the membership row deleted)
-- closes it. Triggers keep it, so every way in and out (adding, invitations, leaving, removal) is
-- recorded. Members who left before this migration are not known; current members get a period
-- from the day they joined.
CREATE TABLE membership_period (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id     uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    joined_at  timestamptz NOT NULL,
    left_at    timestamptz,
    CONSTRAINT membership_period_ordered CHECK (left_at >= joined_at)
);
CREATE INDEX membership_period_org_idx ON membership_period (org_id, joined_at);
CREATE UNIQUE INDEX membership_period_open_key ON membership_period (org_id, user_id) WHERE left_at IS NULL;
ALTER TABLE membership_period ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership_period FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_period_tenant ON membership_period
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());

-- The backfill reads and writes across tenants: both tables' policies are lifted for this
-- migration's transaction (they apply to the owner too).
ALTER TABLE membership NO FORCE ROW LEVEL SECURITY;
ALTER TABLE membership_period NO FORCE ROW LEVEL SECURITY;
INSERT INTO membership_period (org_id, user_id, joined_at) SELECT org_id, user_id, created_at FROM membership;
ALTER TABLE membership_period FORCE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;

CREATE FUNCTION membership_period_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO membership_period (org_id, user_id, joined_at) VALUES (NEW.org_id, NEW.user_id, NEW.created_at);
    RETURN NULL;
END $$;
CREATE FUNCTION membership_period_close() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE membership_period SET left_at = greatest(now(), joined_at)
    WHERE org_id = OLD.org_id AND user_id = OLD.user_id AND left_at IS NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER membership_period_open AFTER INSERT ON membership
    FOR EACH ROW EXECUTE FUNCTION membership_period_open();
CREATE TRIGGER membership_period_close AFTER DELETE ON membership
    FOR EACH ROW EXECUTE FUNCTION membership_period_close();

-- The day a member last acted in the organization (any request in it), written at most once a day
-- per member by tenant resolution; it is not part of the membership's version.
ALTER TABLE membership ADD COLUMN last_active_at timestamptz;
CREATE INDEX membership_org_last_active_idx ON membership (org_id, last_active_at);

GRANT SELECT, INSERT, UPDATE ON membership_period TO "${app_role}";
