-- An email address belongs to whoever proves it. An account records whether and how its email was
-- verified; only a verified account owns its address (one per address), so an unverified account
-- (created by accepting an invitation, whose token the inviter may have kept) never blocks or
-- captures the real owner. Several unverified accounts may claim one address until one is verified.
ALTER TABLE app_user
    ADD COLUMN email_verified_at  timestamptz,
    ADD COLUMN email_verified_via text,
    ADD CONSTRAINT app_user_email_verified_via_known
        CHECK (email_verified_via IN ('admin', 'link', 'oidc')),
    ADD CONSTRAINT app_user_email_verified_together
        CHECK ((email_verified_at IS NULL) = (email_verified_via IS NULL)),
    ADD CONSTRAINT app_user_email_length CHECK (char_length(email) <= 254);

-- Backfill, on positive evidence only: platform administrators, and accounts whose creation the
-- platform's audit chain records (POST /admin/users: a platform administrator vouched for the
-- address). Every other account — accepted invitations, including those of organizations deleted
-- since (their invitation rows went with them), and accounts older than the audit trail — stays
-- unverified: it signs in as before, but nothing binds to it by email until it is verified.
-- The audit policy binds the owner too: lifted for this migration's transaction.
ALTER TABLE audit_event NO FORCE ROW LEVEL SECURITY;
UPDATE app_user u SET email_verified_at = u.created_at, email_verified_via = 'admin'
WHERE u.platform_admin
   OR EXISTS (
        SELECT 1 FROM audit_event a
        WHERE a.chain = '00000000-0000-0000-0000-000000000000'
          AND a.action = 'create' AND a.entity_type = 'user' AND a.entity_id = u.id::text);
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;

ALTER TABLE app_user DROP CONSTRAINT app_user_email_key;
CREATE UNIQUE INDEX app_user_verified_email_key ON app_user (email) WHERE email_verified_at IS NOT NULL;
CREATE INDEX app_user_email_idx ON app_user (email);

-- The external identity provider's subject an account was linked to at its first sign-in there;
-- later sign-ins match the subject, never the email again.
CREATE TABLE external_identity (
    issuer      text        NOT NULL,
    subject     text        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject),
    CONSTRAINT external_identity_user_key UNIQUE (issuer, user_id),
    CONSTRAINT external_identity_subject_length CHECK (char_length(subject) BETWEEN 1 AND 255)
);
CREATE INDEX external_identity_user_idx ON external_identity (user_id);

-- Expired throttle rows are purged (they were kept forever).
CREATE INDEX login_throttle_window_idx ON login_throttle (window_start);

GRANT SELECT, INSERT, DELETE ON external_identity TO "${app_role}";

-- What the first step of a two-step sign-in was (RFC 8176 methods): a password, or the external
-- identity provider without a second factor of its own. The session's amr says what really happened.
ALTER TABLE mfa_challenge ADD COLUMN first_factor text NOT NULL DEFAULT 'pwd';

-- A sign-in through the external identity provider carries the provider's own methods, which may
-- be none Orgbase knows: an empty amr is honest then.
ALTER TABLE refresh_token DROP CONSTRAINT refresh_token_amr_format,
    ADD CONSTRAINT refresh_token_amr_format CHECK (amr ~ '^([a-z]+( [a-z]+)*)?$');
