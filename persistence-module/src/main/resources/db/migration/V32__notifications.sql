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
    CONSTRAINT notification_subject_path_shape CHECK (subject_path ~ '^/api/v1/[A-Za-z0-9/._~-]{1,400}$')
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
