-- The steps of a job's last execution as they ran (name → status, start, end, the runtime's
-- metrics), written by the job's step listener: operators see them whatever the batch runtime.
ALTER TABLE data_job ADD COLUMN steps jsonb NOT NULL DEFAULT '{}';

-- Exports beside imports: recovery tells which batch job a taken-over data job runs (its kind), a
-- job asked to stop before its execution ever beat is recovered too, and expired files (uploads
-- no job read, export results past their link's expiry) are purged across organizations.

DROP FUNCTION orgbase_data_job_take_over(text, text, integer);
CREATE FUNCTION orgbase_data_job_take_over(member text, same_home text, lease_seconds integer)
    RETURNS TABLE (id uuid, org_id uuid, kind text, execution_id bigint, status text)
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    UPDATE data_job j
    SET claimed_by = member, heartbeat_at = now()
    WHERE j.id IN (
        SELECT s.id FROM data_job s
        WHERE s.status IN ('running', 'stopping')
          -- this process's own jobs run (slowly, if their lease ran out): never taken from it
          AND s.claimed_by IS DISTINCT FROM member
          -- a job stopped before its execution began has never beaten: its last change counts
          AND (coalesce(s.heartbeat_at, s.updated_at) < now() - make_interval(secs => lease_seconds)
               OR (char_length(same_home) > 2 AND starts_with(s.claimed_by, same_home) AND s.claimed_by <> member))
        ORDER BY s.heartbeat_at NULLS FIRST
        LIMIT 20
        FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.org_id, j.kind, j.execution_id, j.status
$$;
REVOKE ALL ON FUNCTION orgbase_data_job_take_over(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_data_job_take_over(text, text, integer) TO "${app_role}";

DROP FUNCTION orgbase_data_job_unstarted(text, integer);
CREATE FUNCTION orgbase_data_job_unstarted(member text, lease_seconds integer)
    RETURNS TABLE (id uuid, org_id uuid, kind text)
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
    RETURNING j.id, j.org_id, j.kind
$$;
REVOKE ALL ON FUNCTION orgbase_data_job_unstarted(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_data_job_unstarted(text, integer) TO "${app_role}";

-- The owner's purge reads and deletes files across organizations (nothing else); their chunks go
-- by the foreign key's cascade.
CREATE POLICY stored_file_purge_read ON stored_file FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY stored_file_purge ON stored_file FOR DELETE TO CURRENT_USER USING (true);

-- Deletes up to max_files files that expired more than an hour ago (a download begun before its
-- link expired may finish); a job's result loses its link. Files a job still reads have no expiry.
-- Returns how many went.
CREATE FUNCTION orgbase_purge_expired_files(max_files integer) RETURNS bigint
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH gone AS (
        DELETE FROM stored_file f
        WHERE f.id IN (
            SELECT e.id FROM stored_file e
            WHERE e.expires_at < now() - interval '1 hour'
              AND NOT EXISTS (SELECT 1 FROM data_job j WHERE j.input_file_id = e.id)
            ORDER BY e.expires_at
            LIMIT max_files)
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
REVOKE ALL ON FUNCTION orgbase_purge_expired_files(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_purge_expired_files(integer) TO "${app_role}";
