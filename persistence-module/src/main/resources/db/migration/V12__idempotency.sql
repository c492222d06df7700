-- Responses to POSTs sent with an Idempotency-Key, kept 24 hours so a retry gets the original
-- answer instead of a second creation. Found by a hash of (caller, key); the response is encrypted
-- with a key derived from the caller's Idempotency-Key, which is never stored: only the caller who
-- holds it can have a response replayed (a created API key's secret included).
CREATE TABLE idempotency_record (
    key_hash      text        PRIMARY KEY,
    request_hash  text        NOT NULL,
    status        integer,
    response      bytea,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX idempotency_record_expiry_idx ON idempotency_record (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_record TO "${app_role}";
