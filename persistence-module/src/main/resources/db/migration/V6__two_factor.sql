-- TOTP second factor (RFC 6238), its one-time recovery codes, and the short-lived challenges that
-- sit between a correct password and the second factor at sign-in. Platform-level, per user.
CREATE TABLE totp_credential (
    id              uuid        PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    secret          text        NOT NULL,
    confirmed_at    timestamptz,
    last_used_step  bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    CONSTRAINT totp_credential_user_key UNIQUE (user_id)
);

CREATE TABLE recovery_code (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash   text        NOT NULL,
    used_at     timestamptz,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT recovery_code_user_hash_key UNIQUE (user_id, code_hash)
);

CREATE TABLE mfa_challenge (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    failures    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT mfa_challenge_token_key UNIQUE (token_hash)
);
CREATE INDEX mfa_challenge_user_idx ON mfa_challenge (user_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON totp_credential, recovery_code, mfa_challenge TO "${app_role}";
