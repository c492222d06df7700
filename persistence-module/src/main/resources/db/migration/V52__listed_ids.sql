-- Whether an id is one of a comma-separated list of ids. A search in another order than the search
-- index's, or with a filter, hands the index's matches (up to 2,000) to the page query and its count;
-- bound one parameter per id, every count of ids was a new statement for EclipseLink to build and
-- bind, and for PostgreSQL to parse and plan (1,111 ids: 2-3 ms of planning alone).
--
-- Written to be inlined: a SQL function of one SELECT with no FROM, IMMUTABLE like its body, not
-- STRICT, no SET clause, not SECURITY DEFINER. PostgreSQL replaces the call with its body and, planning
-- for the parameter's actual value (collection pages always do: DatabaseSession.planForActualValues),
-- folds the list into a constant array, leaving "id = ANY ('{...}')": uuid equality is leakproof, so
-- the planner may probe the primary key below the row policies, as it did with the IN list.
CREATE FUNCTION orgbase_listed(p_id uuid, p_ids text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT p_id = ANY (CAST(string_to_array(p_ids, ',') AS uuid[])) $$;
-- PostgreSQL inlines a function only for a caller allowed to execute it: granted to the application
-- role by name, so a DBA's REVOKE of PUBLIC's rights neither slows searches nor breaks them.
GRANT EXECUTE ON FUNCTION orgbase_listed(uuid, text) TO "${app_role}";
