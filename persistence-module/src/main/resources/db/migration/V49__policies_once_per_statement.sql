-- Row policies call orgbase_current_org(), orgbase_current_user() and orgbase_platform_scope(),
-- which read the transaction's settings. Written as plain calls, PostgreSQL may evaluate them for
-- every row a scan reads (the membership policy, an OR of two of them, cost 22 ms on a 10,000-row
-- scan); as scalar subqueries they become InitPlans, evaluated once per statement (15 ms), and an
-- equality against one is still an index condition. The functions are STABLE, so within a statement
-- the value is the same either way: what each policy admits does not change.
--
-- Every policy of the schema is rewritten here, today's and the ones the tree template made; a later
-- migration that adds a policy should write the calls as subqueries itself (IsolationIT checks).
DO $$
DECLARE
    p record;
    v_using text;
    v_check text;
    v_sql text;
BEGIN
    FOR p IN
        SELECT pol.polname, c.relname,
               pg_get_expr(pol.polqual, pol.polrelid) AS qual,
               pg_get_expr(pol.polwithcheck, pol.polrelid) AS with_check
        FROM pg_policy pol
        JOIN pg_class c ON c.oid = pol.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public'
    LOOP
        v_using := p.qual;
        v_check := p.with_check;
        IF v_using IS NOT NULL THEN
            v_using := regexp_replace(v_using,
                '(?<!SELECT )\m(orgbase_current_org|orgbase_current_user|orgbase_platform_scope)\(\)',
                '(SELECT \1())', 'g');
        END IF;
        IF v_check IS NOT NULL THEN
            v_check := regexp_replace(v_check,
                '(?<!SELECT )\m(orgbase_current_org|orgbase_current_user|orgbase_platform_scope)\(\)',
                '(SELECT \1())', 'g');
        END IF;
        IF v_using IS DISTINCT FROM p.qual OR v_check IS DISTINCT FROM p.with_check THEN
            v_sql := format('ALTER POLICY %I ON %I', p.polname, p.relname);
            IF v_using IS NOT NULL THEN
                v_sql := v_sql || ' USING (' || v_using || ')';
            END IF;
            IF v_check IS NOT NULL THEN
                v_sql := v_sql || ' WITH CHECK (' || v_check || ')';
            END IF;
            EXECUTE v_sql;
        END IF;
    END LOOP;
END
$$;
