-- Who created and last changed each row: the acting user's or API key's id (the audit trail says
-- which kind). No foreign key: the actor may be a key, and may be deleted later.
ALTER TABLE organization    ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE app_user        ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE membership      ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE department      ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE invitation      ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE org_role        ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE refresh_token   ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE totp_credential ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE recovery_code   ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
ALTER TABLE mfa_challenge   ADD COLUMN created_by uuid, ADD COLUMN updated_by uuid;
-- api_key has had created_by since V4 (a user id; ON DELETE SET NULL stays)
ALTER TABLE api_key         ADD COLUMN updated_by uuid;

-- The audit trail: one hash chain per organization, plus the platform chain (the nil uuid) for
-- what happens outside any organization (sign-ins, account changes). Each entry's hash covers its
-- content and the previous entry's hash, so changing, removing or reordering entries breaks the
-- chain at that point. Entries outlive their organization: no foreign key.
CREATE TABLE audit_event (
    id              uuid        PRIMARY KEY,
    chain           uuid        NOT NULL,
    seq             bigint      NOT NULL,
    occurred_at     timestamptz NOT NULL,
    action          text        NOT NULL,
    entity_type     text,
    entity_id       text,
    changes         text,
    actor_type      text        NOT NULL,
    actor_id        uuid,
    actor           text        NOT NULL,
    client_address  text,
    user_agent      text,
    request_id      text,
    prev_hash       text        NOT NULL,
    hash            text        NOT NULL,
    CONSTRAINT audit_event_chain_seq_key UNIQUE (chain, seq),
    CONSTRAINT audit_event_actor_type_known CHECK (actor_type IN ('user', 'api-key', 'system', 'anonymous'))
);
CREATE INDEX audit_event_chain_time_idx ON audit_event (chain, occurred_at);
CREATE INDEX audit_event_chain_entity_idx ON audit_event (chain, entity_type, entity_id);
CREATE INDEX audit_event_chain_actor_idx ON audit_event (chain, actor_id);
CREATE INDEX audit_event_chain_action_idx ON audit_event (chain, action);

-- The head of each chain: appending locks it, so entries of one chain are numbered and linked in
-- commit order even when transactions race.
CREATE TABLE audit_chain (
    chain      uuid   PRIMARY KEY,
    last_seq   bigint NOT NULL,
    last_hash  text   NOT NULL
);

-- A transaction sees and appends to its organization's chain, or to the platform chain when it
-- runs in no organization.
CREATE FUNCTION orgbase_audit_chain() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(orgbase_current_org(), '00000000-0000-0000-0000-000000000000'::uuid) $$;

ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_event_read ON audit_event FOR SELECT USING (chain = orgbase_audit_chain());
CREATE POLICY audit_event_append ON audit_event FOR INSERT WITH CHECK (chain = orgbase_audit_chain());

ALTER TABLE audit_chain ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_own ON audit_chain
    USING (chain = orgbase_audit_chain())
    WITH CHECK (chain = orgbase_audit_chain());

-- Append-only for the application: no UPDATE, no DELETE on the entries.
GRANT SELECT, INSERT ON audit_event TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON audit_chain TO "${app_role}";
