-- Finished data jobs go in bounded steps: their staged rows and errors first (a failed job keeps
-- every staged row for its restart, up to a file's worth), a few thousand per call, then the jobs
-- and their files. Each call stays far inside the statement timeout, and the arguments are clamped
-- here, not only by the caller: the function deletes across organizations.
CREATE INDEX data_job_finished_idx ON data_job (finished_at)
    WHERE status IN ('completed', 'failed', 'stopped', 'abandoned');

CREATE OR REPLACE FUNCTION orgbase_purge_finished_data_jobs(keep_days integer, max_jobs integer) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
    days integer := greatest(coalesce(keep_days, 30), 1);
    jobs integer := least(greatest(coalesce(max_jobs, 100), 1), 100);
    gone bigint;
BEGIN
    DELETE FROM public.data_job_row r
    WHERE (r.job_id, r.row_no) IN (
        SELECT s.job_id, s.row_no FROM public.data_job_row s
        WHERE s.job_id IN (
            SELECT j.id FROM public.data_job j
            WHERE j.status IN ('completed', 'failed', 'stopped', 'abandoned')
              AND j.finished_at < now() - make_interval(days => days))
        LIMIT 5000);
    GET DIAGNOSTICS gone = ROW_COUNT;
    IF gone > 0 THEN
        RETURN gone;
    END IF;
    DELETE FROM public.data_job_error e
    WHERE (e.job_id, e.row_no) IN (
        SELECT s.job_id, s.row_no FROM public.data_job_error s
        WHERE s.job_id IN (
            SELECT j.id FROM public.data_job j
            WHERE j.status IN ('completed', 'failed', 'stopped', 'abandoned')
              AND j.finished_at < now() - make_interval(days => days))
        LIMIT 5000);
    GET DIAGNOSTICS gone = ROW_COUNT;
    IF gone > 0 THEN
        RETURN gone;
    END IF;
    WITH old AS (
        SELECT id, org_id, input_file_id, result_file_id FROM public.data_job
        WHERE status IN ('completed', 'failed', 'stopped', 'abandoned')
          AND finished_at < now() - make_interval(days => days)
        ORDER BY finished_at
        LIMIT jobs
        FOR UPDATE SKIP LOCKED),
    removed AS (
        DELETE FROM public.data_job j USING old WHERE j.id = old.id
        RETURNING old.id, old.org_id, old.input_file_id, old.result_file_id),
    files AS (
        DELETE FROM public.stored_file f
        WHERE f.id IN (SELECT input_file_id FROM removed UNION SELECT result_file_id FROM removed)
          AND NOT EXISTS (
              SELECT 1 FROM public.data_job o
              WHERE o.org_id = f.org_id
                AND (o.input_file_id = f.id OR o.result_file_id = f.id)
                AND o.id NOT IN (SELECT id FROM old))
        RETURNING 1)
    SELECT count(*) INTO gone FROM removed;
    RETURN gone;
END $$;

-- A SECURITY DEFINER function runs with the owner's rights; a caller's temporary table named like
-- one of its tables must not stand in for it. PostgreSQL searches pg_temp first unless the path
-- names it, so every such function names it last.
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.prosecdef AND p.pronamespace = 'public'::regnamespace
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, public, pg_temp', f);
    END LOOP;
END $$;
