-- Data jobs (imports and exports run as Jakarta Batch jobs) and the files they read and write.
-- data_job is the truth about a job: the batch runtime's repository (schema orgbase_batch) only
-- runs it. A job's position and counters are committed in the same transaction as the rows a chunk
-- writes, so a job restarted after a crash resumes exactly where its data stands.

-- Files in the database, in 1 MiB chunks: any member of a cluster can resume any job, and files
-- survive a crash with the data.
CREATE TABLE stored_file (
    id            uuid        PRIMARY KEY,
    org_id        uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    purpose       text        NOT NULL,
    name          text        NOT NULL,
    content_type  text        NOT NULL,
    size_bytes    bigint      NOT NULL DEFAULT 0,
    sha256        text,
    complete      boolean     NOT NULL DEFAULT false,
    expires_at    timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    created_by    uuid,
    updated_by    uuid,
    version       bigint      NOT NULL DEFAULT 0,
    CONSTRAINT stored_file_org_id_key UNIQUE (org_id, id),
    CONSTRAINT stored_file_purpose_known CHECK (purpose IN ('import', 'export', 'errors')),
    CONSTRAINT stored_file_name_length CHECK (char_length(name) BETWEEN 1 AND 255)
);
CREATE INDEX stored_file_expiry_idx ON stored_file (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE stored_file_chunk (
    org_id   uuid    NOT NULL,
    file_id  uuid    NOT NULL,
    n        integer NOT NULL,
    bytes    bytea   NOT NULL,
    PRIMARY KEY (file_id, n),
    FOREIGN KEY (org_id, file_id) REFERENCES stored_file (org_id, id) ON DELETE CASCADE
);

CREATE TABLE data_job (
    id               uuid        PRIMARY KEY,
    org_id           uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    kind             text        NOT NULL,
    collection       text        NOT NULL,
    format           text        NOT NULL,
    status           text        NOT NULL,
    mode             text,
    dry_run          boolean     NOT NULL DEFAULT false,
    all_or_nothing   boolean     NOT NULL DEFAULT false,
    options          jsonb       NOT NULL DEFAULT '{}',
    input_file_id    uuid,
    result_file_id   uuid,
    -- who started it: a user, or an API key (its key id), whose rights every chunk checks again
    started_by_key   boolean     NOT NULL DEFAULT false,
    execution_id     bigint,
    phase            text        NOT NULL DEFAULT 'queued',
    -- input rows consumed by the stage step, committed with the rows staged from them
    position         bigint      NOT NULL DEFAULT 0,
    -- staged rows the apply step has finished (levels below apply_level, rows up to apply_row in it)
    apply_level      integer     NOT NULL DEFAULT 0,
    apply_row        bigint      NOT NULL DEFAULT 0,
    rows_total       bigint,
    rows_read        bigint      NOT NULL DEFAULT 0,
    rows_created     bigint      NOT NULL DEFAULT 0,
    rows_updated     bigint      NOT NULL DEFAULT 0,
    rows_unchanged   bigint      NOT NULL DEFAULT 0,
    rows_failed      bigint      NOT NULL DEFAULT 0,
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz,
    claimed_by       text,
    failure          text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    created_by       uuid,
    updated_by       uuid,
    version          bigint      NOT NULL DEFAULT 0,
    CONSTRAINT data_job_org_id_key UNIQUE (org_id, id),
    CONSTRAINT data_job_kind_known CHECK (kind IN ('import', 'export')),
    CONSTRAINT data_job_format_known CHECK (format IN ('csv', 'xlsx', 'pdf')),
    CONSTRAINT data_job_status_known CHECK (
        status IN ('queued', 'running', 'stopping', 'stopped', 'completed', 'failed', 'abandoned')),
    CONSTRAINT data_job_mode_known CHECK (mode IN ('create', 'update', 'upsert')),
    CONSTRAINT data_job_input_fk FOREIGN KEY (org_id, input_file_id) REFERENCES stored_file (org_id, id),
    CONSTRAINT data_job_result_fk FOREIGN KEY (org_id, result_file_id)
        REFERENCES stored_file (org_id, id) ON DELETE SET NULL (result_file_id)
);
CREATE INDEX data_job_org_time_idx ON data_job (org_id, created_at DESC, id);
CREATE INDEX data_job_running_idx ON data_job (heartbeat_at) WHERE status IN ('running', 'stopping');

-- Rows an import has checked and staged, before they are applied.
CREATE TABLE data_job_row (
    org_id    uuid    NOT NULL,
    job_id    uuid    NOT NULL,
    row_no    bigint  NOT NULL,
    key       text    NOT NULL,
    -- the key of the row this one refers to (a parent), applied before it
    parent_key text,
    level     integer,
    fields    jsonb   NOT NULL,
    original  jsonb   NOT NULL,
    PRIMARY KEY (job_id, row_no),
    CONSTRAINT data_job_row_key UNIQUE (job_id, key),
    FOREIGN KEY (org_id, job_id) REFERENCES data_job (org_id, id) ON DELETE CASCADE
);

CREATE INDEX data_job_row_level_idx ON data_job_row (job_id, level, row_no);

-- What was wrong with a row, next to the row as the file had it.
CREATE TABLE data_job_error (
    org_id    uuid    NOT NULL,
    job_id    uuid    NOT NULL,
    row_no    bigint  NOT NULL,
    problems  jsonb   NOT NULL,
    original  jsonb   NOT NULL,
    PRIMARY KEY (job_id, row_no),
    FOREIGN KEY (org_id, job_id) REFERENCES data_job (org_id, id) ON DELETE CASCADE
);

-- A record an import wrote carries the job: traceable without an audit entry per row.
ALTER TABLE department ADD COLUMN last_job_id uuid;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['stored_file', 'stored_file_chunk', 'data_job_row', 'data_job_error'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I USING (org_id = orgbase_current_org()) '
                       'WITH CHECK (org_id = orgbase_current_org())', t || '_tenant', t);
    END LOOP;
END $$;
ALTER TABLE data_job ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_job FORCE ROW LEVEL SECURITY;
-- platform administrators watch every organization's jobs (reading only)
CREATE POLICY data_job_tenant ON data_job
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
CREATE POLICY data_job_platform ON data_job FOR SELECT USING (orgbase_platform_scope());
-- the owner's functions below (recovery) work across organizations
CREATE POLICY data_job_recovery ON data_job FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON stored_file, stored_file_chunk, data_job, data_job_row, data_job_error
    TO "${app_role}";

-- Jobs whose member stopped beating (killed, or cut off) for longer than the lease, or whose
-- member was an earlier process of this same installation (home) on this host, which cannot run
-- any more: one caller takes each over and resumes it. Runs outside any organization, so it is
-- the owner's function.
CREATE FUNCTION orgbase_data_job_take_over(member text, same_home text, lease_seconds integer)
    RETURNS TABLE (id uuid, org_id uuid, execution_id bigint, status text)
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    UPDATE data_job j
    SET claimed_by = member, heartbeat_at = now()
    WHERE j.id IN (
        SELECT s.id FROM data_job s
        WHERE s.status IN ('running', 'stopping')
          -- this process's own jobs run (slowly, if their lease ran out): never taken from it
          AND s.claimed_by IS DISTINCT FROM member
          AND (s.heartbeat_at < now() - make_interval(secs => lease_seconds)
               OR (char_length(same_home) > 2 AND starts_with(s.claimed_by, same_home) AND s.claimed_by <> member))
        ORDER BY s.heartbeat_at
        LIMIT 20
        FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.org_id, j.execution_id, j.status
$$;
REVOKE ALL ON FUNCTION orgbase_data_job_take_over(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_data_job_take_over(text, text, integer) TO "${app_role}";

-- Queued jobs whose start was lost (the member died between committing the job and starting it):
-- claimed, so that one caller starts each.
CREATE FUNCTION orgbase_data_job_unstarted(member text, lease_seconds integer)
    RETURNS TABLE (id uuid, org_id uuid)
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    UPDATE data_job j
    SET claimed_by = member, heartbeat_at = now()
    WHERE j.id IN (
        SELECT s.id FROM data_job s
        WHERE s.status = 'queued' AND s.execution_id IS NULL
          AND coalesce(s.heartbeat_at, s.created_at) < now() - make_interval(secs => lease_seconds)
        ORDER BY s.created_at
        LIMIT 20
        FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.org_id
$$;
REVOKE ALL ON FUNCTION orgbase_data_job_unstarted(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_data_job_unstarted(text, integer) TO "${app_role}";
