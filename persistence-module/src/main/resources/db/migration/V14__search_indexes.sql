-- Search (q=) is a case-insensitive substring match: lower(column) LIKE '%text%'. No b-tree helps
-- with that, so on an organization with a million departments a rare term read every one of its
-- rows. Trigram indexes (pg_trgm) answer it from the index instead.
--
-- pg_trgm ships with PostgreSQL and is a trusted extension, so the schema owner may create it when
-- it may create objects in the database. Where a DBA does not allow that, Orgbase still installs:
-- search then stays a scan (correct, slower on large organizations), and the notice says so. A DBA
-- can later run CREATE EXTENSION pg_trgm and repeat the CREATE INDEX statements below.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION
    WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE NOTICE 'pg_trgm is not available (%): search (q=) will scan instead of using trigram indexes', SQLERRM;
END
$$;

-- The operator class lives wherever the extension was installed (here, or a schema a DBA chose).
DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE INDEX department_name_trgm_idx ON department USING gin (lower(name) %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX department_code_trgm_idx ON department USING gin (lower(code) %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX department_description_trgm_idx ON department USING gin (lower(description) %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX app_user_email_trgm_idx ON app_user USING gin (lower(email) %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX app_user_display_name_trgm_idx ON app_user USING gin (lower(display_name) %I.gin_trgm_ops)', trgm_schema);
END
$$;
