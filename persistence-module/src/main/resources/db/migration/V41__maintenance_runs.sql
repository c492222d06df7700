-- Maintenance (retention and purges) runs as Jakarta Batch jobs that operators can watch and start.
-- A scheduled run belongs to a slot (the time it was due): the first cluster member to insert the
-- (task, slot) pair runs it, the others find it taken, so each slot runs once per cluster. A run an
-- operator asks for has a slot of its own (the moment asked).
CREATE TABLE maintenance_run (
    id            uuid        PRIMARY KEY,
    task          text        NOT NULL,
    slot          timestamptz NOT NULL,
    trigger       text        NOT NULL,
    status        text        NOT NULL DEFAULT 'queued',
    requested_by  uuid,
    execution_id  bigint,
    removed       bigint      NOT NULL DEFAULT 0,
    failure       text,
    claimed_by    text,
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    CONSTRAINT maintenance_run_slot_key UNIQUE (task, slot),
    CONSTRAINT maintenance_run_trigger_known CHECK (trigger IN ('schedule', 'operator')),
    CONSTRAINT maintenance_run_status_known CHECK (status IN ('queued', 'running', 'completed', 'failed'))
);
CREATE INDEX maintenance_run_time_idx ON maintenance_run (created_at DESC, id);
-- One unfinished run of a task at a time, whoever asked for it.
CREATE UNIQUE INDEX maintenance_run_one_active ON maintenance_run (task) WHERE status IN ('queued', 'running');
-- The platform's own table: no organization's data, read and written by the application only
-- through the platform administrators' endpoints and the schedule.
GRANT SELECT, INSERT, UPDATE, DELETE ON maintenance_run TO "${app_role}";

-- Finished data jobs are kept ORGBASE_DATA_JOB_RETENTION_DAYS, then go with their staged rows,
-- errors and files (a file another job still reads stays until that job goes too). Across every
-- organization, hence the owner's function (data_job_recovery, stored_file_purge).
CREATE FUNCTION orgbase_purge_finished_data_jobs(keep_days integer, max_jobs integer) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH old AS (
        SELECT id, input_file_id, result_file_id FROM data_job
        WHERE status IN ('completed', 'failed', 'stopped', 'abandoned')
          AND finished_at < now() - make_interval(days => keep_days)
        ORDER BY finished_at
        LIMIT max_jobs
        FOR UPDATE SKIP LOCKED),
    jobs AS (
        DELETE FROM data_job j USING old WHERE j.id = old.id
        RETURNING old.id, old.input_file_id, old.result_file_id),
    files AS (
        DELETE FROM stored_file f
        WHERE f.id IN (SELECT input_file_id FROM jobs UNION SELECT result_file_id FROM jobs)
          AND NOT EXISTS (
              SELECT 1 FROM data_job o
              WHERE (o.input_file_id = f.id OR o.result_file_id = f.id)
                AND o.id NOT IN (SELECT id FROM old))
        RETURNING 1)
    SELECT count(*) FROM jobs
$$;
REVOKE ALL ON FUNCTION orgbase_purge_finished_data_jobs(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_purge_finished_data_jobs(integer, integer) TO "${app_role}";
