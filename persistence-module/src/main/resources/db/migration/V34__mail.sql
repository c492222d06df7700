-- Email: a message is rendered and queued as a mail_delivery row in the transaction that causes it
-- (a rolled-back change sends nothing); a sender on every member claims due rows with a lease, hands
-- them to the SMTP server and records the outcome (docs/architecture.md, "Email").

CREATE TABLE mail_delivery (
    id               uuid        PRIMARY KEY,
    -- the organization the message is about (NULL: the platform's own mail, e.g. a password reset)
    org_id           uuid,
    recipient_id     uuid,
    to_address       text        NOT NULL,
    template         text        NOT NULL,
    locale           text        NOT NULL,
    subject          text,
    text_body        text,
    html_body        text,
    -- stable across retries: a receiver can tell a resend after a crash from a new message
    message_id       text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    leased_until     timestamptz,
    sent_at          timestamptz,
    failed_at        timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mail_delivery_attempts_range CHECK (attempts >= 0),
    CONSTRAINT mail_delivery_error_length CHECK (char_length(last_error) <= 2000),
    CONSTRAINT mail_delivery_address_length CHECK (char_length(to_address) BETWEEN 3 AND 254),
    CONSTRAINT mail_delivery_message_id_key UNIQUE (message_id)
);
CREATE INDEX mail_delivery_due_idx ON mail_delivery (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_delivery_created_idx ON mail_delivery (created_at);

-- A transaction queues mail of its own organization only (platform mail outside one) and reads
-- none; the sender works through the functions below, with their owner's rights.
ALTER TABLE mail_delivery ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_delivery FORCE ROW LEVEL SECURITY;
CREATE POLICY mail_delivery_own ON mail_delivery FOR SELECT USING (org_id = orgbase_current_org());
CREATE POLICY mail_delivery_queue ON mail_delivery FOR INSERT
    WITH CHECK (org_id IS NOT DISTINCT FROM orgbase_current_org());
CREATE POLICY mail_delivery_sender ON mail_delivery FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON mail_delivery TO "${app_role}";

-- Claims up to p_limit due messages for p_lease_seconds: no other member sends them meanwhile. A
-- member killed while sending leaves its lease to run out; the messages are then sent again.
CREATE FUNCTION orgbase_mail_claim(p_limit integer, p_lease_seconds integer)
    RETURNS TABLE (id uuid, to_address text, subject text, text_body text, html_body text,
                   message_id text, attempts integer, created_at timestamptz)
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    UPDATE mail_delivery m
       SET leased_until = now() + greatest(p_lease_seconds, 1) * interval '1 second',
           attempts = m.attempts + 1
     WHERE m.id IN (SELECT d.id FROM mail_delivery d
                    WHERE d.sent_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= now()
                      AND (d.leased_until IS NULL OR d.leased_until < now())
                    ORDER BY d.next_attempt_at, d.id
                    LIMIT least(greatest(p_limit, 1), 500)
                    FOR UPDATE SKIP LOCKED)
    RETURNING m.id, m.to_address, m.subject, m.text_body, m.html_body, m.message_id, m.attempts, m.created_at
$$;
REVOKE ALL ON FUNCTION orgbase_mail_claim(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_mail_claim(integer, integer) TO "${app_role}";

-- The SMTP server accepted these messages. Their bodies go: they may hold single-use links.
CREATE FUNCTION orgbase_mail_sent(p_ids uuid[]) RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    WITH done AS (
        UPDATE mail_delivery SET sent_at = now(), leased_until = NULL, last_error = NULL,
                                 text_body = NULL, html_body = NULL
         WHERE id = ANY (p_ids) AND sent_at IS NULL
        RETURNING 1)
    SELECT count(*)::integer FROM done
$$;
REVOKE ALL ON FUNCTION orgbase_mail_sent(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_mail_sent(uuid[]) TO "${app_role}";

-- A try failed: again at p_next_attempt, or never (p_next_attempt NULL: a permanent failure).
CREATE FUNCTION orgbase_mail_failed(p_id uuid, p_error text, p_next_attempt timestamptz) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    UPDATE mail_delivery
       SET leased_until = NULL,
           last_error = left(p_error, 2000),
           next_attempt_at = coalesce(p_next_attempt, next_attempt_at),
           failed_at = CASE WHEN p_next_attempt IS NULL THEN now() END,
           text_body = CASE WHEN p_next_attempt IS NULL THEN NULL ELSE text_body END,
           html_body = CASE WHEN p_next_attempt IS NULL THEN NULL ELSE html_body END
     WHERE id = p_id AND sent_at IS NULL
$$;
REVOKE ALL ON FUNCTION orgbase_mail_failed(uuid, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_mail_failed(uuid, text, timestamptz) TO "${app_role}";

-- Sent and failed messages are forgotten after p_days; so are messages never sent by then (no
-- SMTP server was configured): their links have expired long since.
CREATE FUNCTION orgbase_mail_forget(p_days integer) RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
    WITH gone AS (
        DELETE FROM mail_delivery WHERE created_at < now() - greatest(p_days, 1) * interval '1 day'
        RETURNING 1)
    SELECT count(*)::integer FROM gone
$$;
REVOKE ALL ON FUNCTION orgbase_mail_forget(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_mail_forget(integer) TO "${app_role}";

-- Links sent to prove an address: verification of one's address, confirmation of a new address
-- (email holds the new one), and a password reset. Only the SHA-256 of the token is stored; a
-- token works once and until it expires.
CREATE TABLE email_token (
    token_hash  text        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    purpose     text        NOT NULL,
    email       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CONSTRAINT email_token_purpose_known CHECK (purpose IN ('verify', 'change', 'reset')),
    CONSTRAINT email_token_email_lowercase CHECK (email = lower(email))
);
CREATE INDEX email_token_user_idx ON email_token (user_id, purpose);
CREATE INDEX email_token_expiry_idx ON email_token (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON email_token TO "${app_role}";

-- An invitation carries a second secret, sent only to the invitee's address: accepting with it
-- proves the address (the first one is shown to the inviter, who may pass it on).
ALTER TABLE invitation ADD COLUMN email_token_hash text;
ALTER TABLE invitation ADD CONSTRAINT invitation_email_token_key UNIQUE (email_token_hash);
-- Redeeming by either secret admits exactly that one row before the organization is known.
ALTER POLICY invitation_read ON invitation
    USING (org_id = orgbase_current_org()
           OR token_hash = nullif(current_setting('orgbase.invitation_hash', true), '')
           OR email_token_hash = nullif(current_setting('orgbase.invitation_hash', true), ''));
ALTER POLICY invitation_write ON invitation
    USING (org_id = orgbase_current_org()
           OR token_hash = nullif(current_setting('orgbase.invitation_hash', true), '')
           OR email_token_hash = nullif(current_setting('orgbase.invitation_hash', true), ''))
    WITH CHECK (org_id = orgbase_current_org()
                OR token_hash = nullif(current_setting('orgbase.invitation_hash', true), '')
                OR email_token_hash = nullif(current_setting('orgbase.invitation_hash', true), ''));
