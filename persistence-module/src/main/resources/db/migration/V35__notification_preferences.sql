-- What each member wants to hear, per organization and notification type: in the app or not, and by
-- email (off, at once, or in a daily or weekly digest). Type '*' stands for every type without a row
-- of its own; without any row a type is in the app, and by email as the organization's
-- notifications.digest setting says (none when its notifications.email setting is false).
CREATE TABLE notification_preference (
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    org_id      uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    type        text        NOT NULL,
    in_app      boolean,
    email       text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, org_id, type),
    CONSTRAINT notification_preference_email_known CHECK (email IN ('off', 'immediate', 'daily', 'weekly')),
    CONSTRAINT notification_preference_type_length CHECK (char_length(type) BETWEEN 1 AND 100)
);
CREATE INDEX notification_preference_org_idx ON notification_preference (org_id);

-- A member reads and changes their own preferences in the organization they are in; consumers and
-- the digest job read them through the functions below, with their owner's rights.
ALTER TABLE notification_preference ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_preference FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_preference_own ON notification_preference
    USING (user_id = orgbase_current_user() AND org_id = orgbase_current_org())
    WITH CHECK (user_id = orgbase_current_user() AND org_id = orgbase_current_org());
CREATE POLICY notification_preference_owner ON notification_preference FOR ALL TO CURRENT_USER
    USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_preference TO "${app_role}";

-- The organization's default email mode: its digest setting, or off when it sends no notification
-- email at all.
CREATE FUNCTION orgbase_default_email_mode(p_settings jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT CASE WHEN coalesce(p_settings -> 'notifications' ->> 'email', 'true') = 'false' THEN 'off'
                WHEN coalesce(p_settings -> 'notifications' ->> 'digest', 'weekly') IN ('daily', 'weekly')
                    THEN coalesce(p_settings -> 'notifications' ->> 'digest', 'weekly')
                ELSE 'off' END
$$;

-- How a notification of p_type in p_org reaches each of p_users: whether they are active members,
-- whether it shows in the app, and its email mode. An organization that sends no notification email
-- overrides every member's choice. Only for the organization the transaction is in.
CREATE FUNCTION orgbase_notification_channels(p_org uuid, p_type text, p_users uuid[])
    RETURNS TABLE (user_id uuid, active_member boolean, in_app boolean, email text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    IF p_org IS NULL OR p_org IS DISTINCT FROM orgbase_current_org() THEN
        RAISE EXCEPTION 'channels are read inside their organization' USING ERRCODE = '42501';
    END IF;
    RETURN QUERY
    SELECT u.id,
           EXISTS (SELECT 1 FROM membership m WHERE m.org_id = p_org AND m.user_id = u.id AND m.active),
           coalesce(own.in_app, every.in_app, true),
           CASE WHEN coalesce(s.settings -> 'notifications' ->> 'email', 'true') = 'false' THEN 'off'
                ELSE coalesce(own.email, every.email, orgbase_default_email_mode(coalesce(s.settings, '{}'::jsonb)))
           END
    FROM unnest(p_users) AS u(id)
    LEFT JOIN notification_preference own ON own.user_id = u.id AND own.org_id = p_org AND own.type = p_type
    LEFT JOIN notification_preference every ON every.user_id = u.id AND every.org_id = p_org AND every.type = '*'
    LEFT JOIN organization_settings s ON s.org_id = p_org;
END
$$;
REVOKE ALL ON FUNCTION orgbase_notification_channels(uuid, text, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_notification_channels(uuid, text, uuid[]) TO "${app_role}";

-- Who may get a digest of p_mode ('daily' or 'weekly'): people with unread notifications since
-- p_since whose own choice is that digest or who chose nothing (the organization's default may be
-- it). The digest job runs outside any organization and sees neither memberships nor settings
-- here; it checks both, and the exact mode of each notification, inside the organization.
CREATE FUNCTION orgbase_digest_recipients(p_mode text, p_since timestamptz)
    RETURNS TABLE (user_id uuid, org_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
BEGIN
    -- the job's own transaction only: nothing that runs for a person or an organization
    IF orgbase_current_org() IS NOT NULL OR orgbase_current_user() IS NOT NULL THEN
        RAISE EXCEPTION 'digest recipients are read outside any organization and user' USING ERRCODE = '42501';
    END IF;
    RETURN QUERY
    SELECT DISTINCT n.recipient_id, n.org_id
    FROM notification n
    LEFT JOIN notification_preference own
           ON own.user_id = n.recipient_id AND own.org_id = n.org_id AND own.type = n.type
    LEFT JOIN notification_preference every
           ON every.user_id = n.recipient_id AND every.org_id = n.org_id AND every.type = '*'
    WHERE n.read_at IS NULL AND n.created_at >= p_since
      AND coalesce(own.email, every.email, p_mode) = p_mode;
END
$$;
REVOKE ALL ON FUNCTION orgbase_digest_recipients(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_digest_recipients(text, timestamptz) TO "${app_role}";

-- Jobs that run once per cluster and period (a digest per day or week): the member whose claim
-- inserts the row runs it; a claim whose lease ran out without finishing may be taken over, and the
-- job then skips what the first run already did.
CREATE TABLE job_run (
    job          text        NOT NULL,
    period       text        NOT NULL,
    claimed_by   text        NOT NULL,
    lease_until  timestamptz NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    items        integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (job, period)
);
GRANT SELECT, INSERT, UPDATE ON job_run TO "${app_role}";

-- A message queued at most once per key (a digest per person, organization and period).
ALTER TABLE mail_delivery ADD COLUMN dedupe_key text;
ALTER TABLE mail_delivery ADD CONSTRAINT mail_delivery_dedupe_key UNIQUE (dedupe_key);
