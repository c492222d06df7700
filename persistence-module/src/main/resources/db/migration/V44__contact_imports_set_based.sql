-- Contacts are imported set-based, like departments and teams: the contacts an import writes carry
-- the job (one audit event for the job, every changed record still traceable to it), and the
-- import keeps the planner's statistics of the tables its lookups probe in step with it.
ALTER TABLE contact ADD COLUMN last_job_id uuid;

-- Contacts are found by address in any case. An index on lower(email) is of no use to the
-- application role: lower() is not leakproof, so under the row policies the planner may not probe
-- the index with it and scanned the organization's addresses for every address looked up (an
-- import of 100,000 contacts stalled in its first unit). A stored lower-case copy compared with
-- plain text equality (leakproof) is probed through its index.
ALTER TABLE contact_email ADD COLUMN email_key text GENERATED ALWAYS AS (lower(email)) STORED;
CREATE INDEX contact_email_org_key_idx ON contact_email (org_id, email_key);
DROP INDEX contact_email_org_email_idx;

CREATE OR REPLACE FUNCTION orgbase_refresh_import_statistics(collection text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    CASE collection
        WHEN 'departments' THEN ANALYZE public.department;
        WHEN 'teams' THEN ANALYZE public.team;
        WHEN 'contacts' THEN ANALYZE public.contact; ANALYZE public.contact_email; ANALYZE public.contact_phone;
        ELSE NULL;
    END CASE;
    ANALYZE public.data_job_row;
END $$;
REVOKE ALL ON FUNCTION orgbase_refresh_import_statistics(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_refresh_import_statistics(text) TO "${app_role}";

-- "At least one primary" is checked at commit for every channel row written. Its query was built
-- with format() and run by EXECUTE, planned anew for every row: a third of the commit of an import
-- unit. The same check with a static query per table is planned once per session.
CREATE OR REPLACE FUNCTION contact_channel_has_primary() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner     uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.contact_id ELSE NEW.contact_id END;
    rows      bigint;
    primaries bigint;
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'contact_email' THEN
            SELECT count(*), count(*) FILTER (WHERE is_primary) INTO rows, primaries
            FROM contact_email WHERE contact_id = owner;
        WHEN 'contact_phone' THEN
            SELECT count(*), count(*) FILTER (WHERE is_primary) INTO rows, primaries
            FROM contact_phone WHERE contact_id = owner;
        ELSE
            SELECT count(*), count(*) FILTER (WHERE is_primary) INTO rows, primaries
            FROM contact_address WHERE contact_id = owner;
    END CASE;
    IF rows > 0 AND primaries <> 1 THEN
        RAISE check_violation USING
            MESSAGE = format('contact %s has %s %s rows and %s primary', owner, rows, TG_TABLE_NAME, primaries),
            CONSTRAINT = TG_TABLE_NAME || '_has_primary';
    END IF;
    RETURN NULL;
END $$;
