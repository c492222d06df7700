-- A search's page straight from the search index (V50), in the collection's default order.
--
-- orgbase_search_ids() hands over every match, and the collection's query then reads all of them
-- to sort them and keep one page: with 1,111 of 100,000 members matching, a page cost ~15 ms of
-- joins in the database and more in the ORM, which bound each id as a parameter (54 req/s at 16
-- clients). Each row here now also keeps the value its collection sorts on by default (a member's
-- email, a department's name), exactly as the table holds it and in the same type and collation,
-- so the index alone can put the matches in order, from a cursor on, and give one page of ids.

-- The tables that write the index are locked before the index, in the order requests take them
-- (a request writes its row, then its trigger writes here; it reads memberships before departments):
-- a server still serving while another starts and migrates waits here instead of deadlocking with
-- it, and no account's email change is in flight while the index is filled from the accounts.
LOCK TABLE membership IN ACCESS EXCLUSIVE MODE;
LOCK TABLE department IN ACCESS EXCLUSIVE MODE;
LOCK TABLE app_user IN SHARE MODE;

ALTER TABLE search_text ADD COLUMN sort_key text NOT NULL DEFAULT '';

-- Departments: the name.
CREATE OR REPLACE FUNCTION orgbase_search_departments_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO public.search_text (kind, row_id, org_id, own, sort_key)
        SELECT 'department', n.id, n.org_id, public.orgbase_department_text(n.name, n.code, n.description), n.name
        FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM public.search_text s USING old_rows o WHERE s.kind = 'department' AND s.row_id = o.id;
    ELSE
        -- an upsert: a row missing here (a restore without triggers) comes back with any change
        INSERT INTO public.search_text AS s (kind, row_id, org_id, own, sort_key)
        SELECT 'department', n.id, n.org_id, public.orgbase_department_text(n.name, n.code, n.description), n.name
        FROM new_rows n
        ON CONFLICT (kind, row_id) DO UPDATE SET org_id = EXCLUDED.org_id, own = EXCLUDED.own,
                                                 sort_key = EXCLUDED.sort_key
        WHERE (s.org_id, s.own, s.sort_key) IS DISTINCT FROM (EXCLUDED.org_id, EXCLUDED.own, EXCLUDED.sort_key);
    END IF;
    RETURN NULL;
END
$$;

-- Members: the account's email, kept by the same rules as the account's text (V50).
CREATE OR REPLACE FUNCTION orgbase_search_members_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM public.search_text s USING old_rows o WHERE s.kind = 'member' AND s.row_id = o.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM public.app_user u WHERE u.id IN (SELECT DISTINCT n.user_id FROM new_rows n)
        ORDER BY u.id FOR SHARE;
    END IF;
    INSERT INTO public.search_text AS s (kind, row_id, org_id, user_id, account, own, sort_key)
    SELECT 'member', n.id, n.org_id, n.user_id, public.orgbase_account_text(u.email, u.display_name),
           public.orgbase_member_text(n.job_title, n.employee_number), u.email
    FROM new_rows n JOIN public.app_user u ON u.id = n.user_id
    ON CONFLICT (kind, row_id) DO UPDATE
        SET org_id = EXCLUDED.org_id, user_id = EXCLUDED.user_id, own = EXCLUDED.own,
            account = CASE WHEN s.user_id IS DISTINCT FROM EXCLUDED.user_id THEN EXCLUDED.account
                           ELSE s.account END,
            sort_key = CASE WHEN s.user_id IS DISTINCT FROM EXCLUDED.user_id THEN EXCLUDED.sort_key
                            ELSE s.sort_key END
        WHERE (s.org_id, s.user_id, s.own) IS DISTINCT FROM (EXCLUDED.org_id, EXCLUDED.user_id, EXCLUDED.own);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION orgbase_search_accounts_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    UPDATE public.search_text s
    SET account = public.orgbase_account_text(n.email, n.display_name), sort_key = n.email
    FROM new_rows n
    WHERE s.user_id = n.id AND s.kind = 'member'
      AND (s.account, s.sort_key) IS DISTINCT FROM (public.orgbase_account_text(n.email, n.display_name), n.email);
    RETURN NULL;
END
$$;

-- What is there already, written afresh rather than updated in place: an update of every row would
-- leave the table and its trigram index twice their size (the index 25 MB instead of 7 MB for
-- 241,000 rows, and its scans four times slower) until a vacuum and a reindex. The indexes are
-- built once the rows are in. The owner reads past the policies here only.
DROP INDEX search_text_org_idx;
DROP INDEX IF EXISTS search_text_body_trgm;
TRUNCATE search_text;
ALTER TABLE department NO FORCE ROW LEVEL SECURITY;
ALTER TABLE membership NO FORCE ROW LEVEL SECURITY;
INSERT INTO search_text (kind, row_id, org_id, own, sort_key)
SELECT 'department', d.id, d.org_id, orgbase_department_text(d.name, d.code, d.description), d.name FROM department d;
INSERT INTO search_text (kind, row_id, org_id, user_id, account, own, sort_key)
SELECT 'member', m.id, m.org_id, m.user_id, orgbase_account_text(u.email, u.display_name),
       orgbase_member_text(m.job_title, m.employee_number), u.email
FROM membership m JOIN app_user u ON u.id = m.user_id;
ALTER TABLE department FORCE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;

-- The organization's rows of a kind in their order: the walk for a term too common for the trigram
-- index to narrow much, and the entry for a cursor. It serves what the (org_id, kind) index did.
CREATE INDEX search_text_order_idx ON search_text (org_id, kind, sort_key, row_id);
DO $$
DECLARE
    trgm_schema text;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NULL THEN
        RAISE NOTICE 'no trigram index on search_text: pg_trgm is not installed';
    ELSE
        EXECUTE format('CREATE INDEX search_text_body_trgm ON public.search_text USING gin (body %I.gin_trgm_ops)',
                       trgm_schema);
    END IF;
END
$$;
ANALYZE search_text;

-- One page of the current organization's rows of p_kind whose text matches p_pattern (a LIKE
-- pattern of lower-case text, backslash escaping), in the order of their sort key and then their
-- id, after (p_after_key, p_after_id) when given: at most p_limit ids, their sort keys in the same
-- order (a cursor can be made from the index's own view of a page's last row, even when that row is
-- gone by the time it is read), and with p_count the number of all matches (else NULL). p_org, when
-- given, names the organization the caller means: any but the current one finds nothing. Planned for the
-- actual values each time (EXECUTE), the organization included: a rare term is best found by the
-- trigram index and then sorted, a common one by walking the order index until the page is full,
-- and only the values (how common the term is, how large the organization) say which.
CREATE FUNCTION orgbase_search_page(p_kind text, p_pattern text, p_org uuid, p_after_key text, p_after_id uuid,
                                    p_limit integer, p_count boolean)
    RETURNS TABLE (ids uuid[], keys text[], total bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    org uuid := public.orgbase_current_org();
    page_ids uuid[];
    page_keys text[];
    matched bigint;
BEGIN
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 1001 THEN
        RAISE EXCEPTION 'a page of 1 to 1,001 rows, not %', p_limit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF org IS NULL OR org <> coalesce(p_org, org) THEN
        -- no tenant, or not the one the caller means: nothing matches
        RETURN QUERY SELECT '{}'::uuid[], '{}'::text[], CASE WHEN p_count THEN 0::bigint END;
        RETURN;
    END IF;
    IF p_after_key IS NULL THEN
        EXECUTE 'SELECT array_agg(row_id ORDER BY sort_key, row_id), array_agg(sort_key ORDER BY sort_key, row_id)'
                ' FROM (SELECT s.row_id, s.sort_key FROM public.search_text s'
                ' WHERE s.kind = $1 AND s.org_id = $2 AND s.body LIKE $3'
                ' ORDER BY s.sort_key, s.row_id LIMIT $4) hits'
            INTO page_ids, page_keys USING p_kind, org, p_pattern, p_limit;
    ELSE
        EXECUTE 'SELECT array_agg(row_id ORDER BY sort_key, row_id), array_agg(sort_key ORDER BY sort_key, row_id)'
                ' FROM (SELECT s.row_id, s.sort_key FROM public.search_text s'
                ' WHERE s.kind = $1 AND s.org_id = $2 AND s.body LIKE $3 AND (s.sort_key, s.row_id) > ($5, $6)'
                ' ORDER BY s.sort_key, s.row_id LIMIT $4) hits'
            INTO page_ids, page_keys USING p_kind, org, p_pattern, p_limit, p_after_key, p_after_id;
    END IF;
    IF p_count THEN
        EXECUTE 'SELECT count(*) FROM public.search_text s WHERE s.kind = $1 AND s.org_id = $2 AND s.body LIKE $3'
            INTO matched USING p_kind, org, p_pattern;
    END IF;
    RETURN QUERY SELECT coalesce(page_ids, '{}'::uuid[]), coalesce(page_keys, '{}'::text[]), matched;
END
$$;
REVOKE ALL ON FUNCTION orgbase_search_page(text, text, uuid, text, uuid, integer, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_search_page(text, text, uuid, text, uuid, integer, boolean) TO "${app_role}";
