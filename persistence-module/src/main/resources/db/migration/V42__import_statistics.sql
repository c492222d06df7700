-- The planner's statistics during an import. An import adds an organization's rows by the ten
-- thousand while the statistics still say the organization has none: the lookups of a unit's keys
-- were then planned as scans of the organization through any index that starts with org_id (its
-- rows "being" one), and slowed with every unit (100,000 departments: 7 s a unit by the end).
-- ANALYZE needs the table's owner, so the import asks the owner's function, for its own tables
-- only, every so many rows.
CREATE FUNCTION orgbase_refresh_import_statistics(collection text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    CASE collection
        WHEN 'departments' THEN ANALYZE department;
        WHEN 'teams' THEN ANALYZE team;
        ELSE NULL;
    END CASE;
    ANALYZE data_job_row;
END $$;
REVOKE ALL ON FUNCTION orgbase_refresh_import_statistics(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_refresh_import_statistics(text) TO "${app_role}";
