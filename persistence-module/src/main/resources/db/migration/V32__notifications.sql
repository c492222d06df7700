-- In-app notifications: what happened in an organization that one of its people should know. Made
-- by consumers of domain events, at most one per recipient and event (a redelivered event or a
-- resumed fan-out adds nothing). A notification belongs to its recipient; it goes with them, or
-- with the organization.
CREATE TABLE notification (
    id               uuid        PRIMARY KEY,
    org_id           uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    recipient_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    type             text        NOT NULL,
    title            text        NOT NULL,
    body             text,
    -- what it is about: a record of the organization, addressed in the API by subject_path
    subject_type     text,
    subject_id       text,
    subject_path     text,
    actor_id         uuid,
    actor            text,
    source_event_id  uuid        NOT NULL,
    read_at          timestamptz,
    is_read          boolean     GENERATED ALWAYS AS (read_at IS NOT NULL) STORED,
    created_at       timestamptz NOT NULL,
    CONSTRAINT notification_once UNIQUE (source_event_id, recipient_id),
    CONSTRAINT notification_type_format CHECK (type ~ '^[a-z][a-z0-9.-]{0,99}$'),
    CONSTRAINT notification_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT notification_body_length CHECK (char_length(body) <= 4000),
    CONSTRAINT notification_subject_path_shape CHECK (
        char_length(subject_path) <= 400 AND subject_path ~ '^/api/v1/[A-Za-z0-9/._~-]+$')
);
-- the recipient's list, newest first, and their unread count
CREATE INDEX notification_recipient_idx ON notification (recipient_id, created_at DESC, id DESC);
CREATE INDEX notification_unread_idx ON notification (recipient_id, org_id) WHERE read_at IS NULL;
CREATE INDEX notification_org_idx ON notification (org_id);

-- A recipient reads, marks and deletes their own, across organizations (no tenant) or in the one
-- the transaction entered; consumers add them inside the event's organization, reading none.
ALTER TABLE notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_recipient ON notification
    USING (recipient_id = orgbase_current_user()
           AND (orgbase_current_org() IS NULL OR org_id = orgbase_current_org()));
CREATE POLICY notification_deliver ON notification FOR INSERT
    WITH CHECK (org_id = orgbase_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON notification TO "${app_role}";

-- How consumers add notifications: for many recipients in one statement, once per recipient and
-- event. An INSERT ... ON CONFLICT is checked against the reading policy too, which a consumer (in
-- the organization, as no user) does not pass; so this runs with its owner's rights, for the
-- organization the transaction entered only, and for users that exist. Only active members hear
-- the organization's news, unless p_members_only is false (telling someone they were removed or
-- suspended).
CREATE POLICY notification_owner ON notification FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE FUNCTION orgbase_deliver_notification(
        p_event uuid, p_org uuid, p_recipients text, p_type text, p_title text, p_body text,
        p_subject_type text, p_subject_id text, p_subject_path text, p_actor_id uuid, p_actor text,
        p_members_only boolean)
    RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_added integer;
BEGIN
    IF p_org IS NULL OR p_org IS DISTINCT FROM orgbase_current_org() THEN
        RAISE EXCEPTION 'notifications are delivered inside their organization' USING ERRCODE = '42501';
    END IF;
    INSERT INTO notification (id, org_id, recipient_id, type, title, body, subject_type, subject_id,
                              subject_path, actor_id, actor, source_event_id, created_at)
        SELECT gen_random_uuid(), p_org, u.id, p_type, p_title, p_body, p_subject_type, p_subject_id,
               p_subject_path, p_actor_id, p_actor, p_event, now()
        FROM app_user u
        WHERE u.id = ANY (string_to_array(p_recipients, ',')::uuid[])
          AND (NOT p_members_only OR EXISTS (
                SELECT 1 FROM membership m WHERE m.org_id = p_org AND m.user_id = u.id AND m.active))
        ORDER BY u.id
        ON CONFLICT (source_event_id, recipient_id) DO NOTHING;
    GET DIAGNOSTICS v_added = ROW_COUNT;
    RETURN v_added;
END
$$;
REVOKE ALL ON FUNCTION orgbase_deliver_notification(uuid, uuid, text, text, text, text, text, text, text, uuid, text, boolean)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_deliver_notification(uuid, uuid, text, text, text, text, text, text, text, uuid, text, boolean)
    TO "${app_role}";
