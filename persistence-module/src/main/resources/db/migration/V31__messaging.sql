-- Messaging: domain events leave through a transactional outbox. A change and its events commit
-- together; a relay on every member takes committed rows, publishes them to JMS and deletes them
-- (docs/architecture.md, "Events"). Consumers remember what they processed, so a redelivered
-- message changes nothing twice; what keeps failing becomes a dead letter.

-- One row per event waiting to be published, and per retry of one consumer's failed attempt.
-- org_id is the event's organization (NULL: a platform event); it carries no foreign key, because
-- an event about an organization outlives it.
CREATE TABLE outbox_event (
    seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      uuid        NOT NULL,
    org_id        uuid,
    type          text        NOT NULL,
    envelope      text        NOT NULL,
    -- NULL: every consumer; else the one consumer a retry is for
    consumer      text,
    attempt       integer     NOT NULL DEFAULT 0,
    available_at  timestamptz NOT NULL DEFAULT now(),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT outbox_event_attempt_range CHECK (attempt >= 0)
);
CREATE INDEX outbox_event_available_idx ON outbox_event (available_at, seq);

-- A transaction appends events of its own organization only (platform events outside one), and
-- reads none but its own: the relay takes rows through orgbase_outbox_take, with its owner's rights.
ALTER TABLE outbox_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_event FORCE ROW LEVEL SECURITY;
CREATE POLICY outbox_event_own ON outbox_event FOR SELECT USING (org_id = orgbase_current_org());
CREATE POLICY outbox_event_append ON outbox_event FOR INSERT
    WITH CHECK (org_id IS NOT DISTINCT FROM orgbase_current_org());
CREATE POLICY outbox_event_relay ON outbox_event FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON outbox_event TO "${app_role}";

-- Takes up to p_limit rows that are due, oldest first, skipping rows another member's relay holds:
-- they are deleted when the caller's transaction commits (after it published them), and come back
-- when it rolls back.
CREATE FUNCTION orgbase_outbox_take(p_limit integer)
    RETURNS TABLE (seq bigint, event_id uuid, org_id uuid, type text, envelope text, consumer text, attempt integer)
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    DELETE FROM outbox_event o
    WHERE o.seq IN (SELECT w.seq FROM outbox_event w
                    WHERE w.available_at <= now()
                    ORDER BY w.seq
                    LIMIT least(greatest(p_limit, 1), 1000)
                    FOR UPDATE SKIP LOCKED)
    RETURNING o.seq, o.event_id, o.org_id, o.type, o.envelope, o.consumer, o.attempt
$$;
REVOKE ALL ON FUNCTION orgbase_outbox_take(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_outbox_take(integer) TO "${app_role}";

-- Events a consumer has applied, written in the transaction that applies them.
CREATE TABLE processed_event (
    consumer      text        NOT NULL,
    event_id      uuid        NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_time_idx ON processed_event (processed_at);
GRANT SELECT, INSERT, DELETE ON processed_event TO "${app_role}";

-- Platform administrators look at every organization's dead letters; a transaction enters that
-- scope explicitly (DatabaseSession.enterPlatformScope), only in their boundary methods.
CREATE FUNCTION orgbase_platform_scope() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('orgbase.platform', true), '') = 'on' $$;

-- What a consumer gave up on: the message as it came, its organization, and the last error.
CREATE TABLE dead_letter (
    id          uuid        PRIMARY KEY,
    org_id      uuid,
    event_id    uuid,
    type        text,
    consumer    text        NOT NULL,
    envelope    text        NOT NULL,
    error       text        NOT NULL,
    attempts    integer     NOT NULL,
    failed_at   timestamptz NOT NULL,
    CONSTRAINT dead_letter_attempts_range CHECK (attempts >= 1),
    CONSTRAINT dead_letter_error_length CHECK (char_length(error) <= 4000)
);
CREATE INDEX dead_letter_failed_idx ON dead_letter (failed_at, id);
CREATE INDEX dead_letter_org_idx ON dead_letter (org_id, failed_at);

ALTER TABLE dead_letter ENABLE ROW LEVEL SECURITY;
ALTER TABLE dead_letter FORCE ROW LEVEL SECURITY;
CREATE POLICY dead_letter_scope ON dead_letter
    USING (orgbase_platform_scope() OR org_id = orgbase_current_org())
    WITH CHECK (orgbase_platform_scope() OR org_id IS NOT DISTINCT FROM orgbase_current_org());
GRANT SELECT, INSERT, DELETE ON dead_letter TO "${app_role}";

-- Requeues a dead letter: back into the outbox, to its consumer, as a first attempt, in one step.
-- Only a transaction in the platform scope may (platform administrators' boundary methods).
CREATE POLICY dead_letter_requeue ON dead_letter FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE FUNCTION orgbase_dead_letter_requeue(p_id uuid) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_letter dead_letter;
BEGIN
    IF NOT orgbase_platform_scope() THEN
        RAISE EXCEPTION 'dead letters are requeued in the platform scope only' USING ERRCODE = '42501';
    END IF;
    DELETE FROM dead_letter WHERE id = p_id AND event_id IS NOT NULL RETURNING * INTO v_letter;
    IF v_letter.id IS NULL THEN
        RETURN false;
    END IF;
    INSERT INTO outbox_event (event_id, org_id, type, envelope, consumer, attempt)
        VALUES (v_letter.event_id, v_letter.org_id, v_letter.type, v_letter.envelope, v_letter.consumer, 0);
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION orgbase_dead_letter_requeue(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_dead_letter_requeue(uuid) TO "${app_role}";
