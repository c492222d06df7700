-- Security events that must outlive the log files: for now, every action a platform administrator
-- takes inside an organization they do not belong to. Append-only for the application: it may
-- insert and read, never change or delete (the audit trail issue builds on this).
CREATE TABLE security_event (
    id           uuid        PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    kind         text        NOT NULL,
    actor_id     uuid,
    actor        text        NOT NULL,
    org_id       uuid,
    detail       text        NOT NULL
);
CREATE INDEX security_event_org_idx ON security_event (org_id, occurred_at);

GRANT SELECT, INSERT ON security_event TO "${app_role}";
