-- Refresh tokens and sign-in throttling. Both are platform-level (they belong to users and client
-- addresses, not to organizations), so they carry no org_id and no tenant policy.

-- Rotating refresh tokens. Only a SHA-256 of each token is stored. A family is everything rotated
-- from one sign-in; it shares one absolute expiry, and presenting an already-used token revokes it.
CREATE TABLE refresh_token (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    family_id   uuid        NOT NULL,
    token_hash  text        NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT refresh_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);

-- Failed sign-ins per key ('account:<email>' or 'address:<ip>'), shared by every cluster member.
CREATE TABLE login_throttle (
    key            text        PRIMARY KEY,
    failures       integer     NOT NULL,
    window_start   timestamptz NOT NULL,
    blocked_until  timestamptz
);

GRANT SELECT, INSERT, UPDATE, DELETE ON refresh_token, login_throttle TO "${app_role}";
