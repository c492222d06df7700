-- Search (q=) at scale. q is a case-insensitive substring match over a collection's searchable
-- fields: lower(field) LIKE '%text%'. Trigram indexes serve that, but not for the application role
-- on the tables themselves: under row-level security the planner may use an index below the
-- policy only for leakproof operators, and lower() and LIKE are not (tried, measured and withdrawn in
-- commits fc97de3 and b22f338).
--
-- So the searchable text of departments and members lives in a table of its own, search_text,
-- without row-level security and without any privilege for the application role: it is read only
-- through orgbase_search_ids(), which runs with its owner's rights and returns the ids of the
-- current organization's matching rows — the organization is a condition inside the function,
-- taken from the same setting as the policies on the tables. The collection's query then asks for
-- "id IN (those ids)", which is leakproof (uuid equality), under the tables' policies as ever.
--
-- Statement triggers keep it in step (one statement per change however many rows it touches); the
-- text is lower-cased with the fields separated by U+0001, which no search text contains (the
-- request filters refuse control characters), so a match never spans two fields.

-- pg_trgm ships with PostgreSQL and is a trusted extension: the schema owner may create it where it
-- may create objects in the database. Without it search stays correct (a scan of this table for the
-- organization) and the notice says so; a DBA can install it later and create the index below.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION
    WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE NOTICE 'pg_trgm is not available (%): search (q=) will scan instead of using a trigram index', SQLERRM;
END
$$;

CREATE TABLE search_text (
    kind    text NOT NULL,
    row_id  uuid NOT NULL,
    org_id  uuid NOT NULL,
    -- members: the account whose email and name the text starts with
    user_id uuid,
    account text NOT NULL DEFAULT '',
    own     text NOT NULL DEFAULT '',
    body    text GENERATED ALWAYS AS (account || E'\x01' || own) STORED,
    PRIMARY KEY (kind, row_id),
    CONSTRAINT search_text_kind_known CHECK (kind IN ('department', 'member'))
);
CREATE INDEX search_text_org_idx ON search_text (org_id, kind);
CREATE INDEX search_text_user_idx ON search_text (user_id) WHERE user_id IS NOT NULL;
REVOKE ALL ON search_text FROM PUBLIC;

CREATE FUNCTION orgbase_department_text(p_name text, p_code text, p_description text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower(p_name || E'\x01' || p_code || E'\x01' || coalesce(p_description, '')) $$;

CREATE FUNCTION orgbase_member_text(p_job_title text, p_employee_number text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower(coalesce(p_job_title, '') || E'\x01' || coalesce(p_employee_number, '')) $$;

CREATE FUNCTION orgbase_account_text(p_email text, p_display_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower(p_email || E'\x01' || p_display_name) $$;

-- Departments.
CREATE FUNCTION orgbase_search_departments_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO public.search_text (kind, row_id, org_id, own)
        SELECT 'department', n.id, n.org_id, public.orgbase_department_text(n.name, n.code, n.description)
        FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM public.search_text s USING old_rows o WHERE s.kind = 'department' AND s.row_id = o.id;
    ELSE
        -- an upsert: a row missing here (a restore without triggers) comes back with any change
        INSERT INTO public.search_text AS s (kind, row_id, org_id, own)
        SELECT 'department', n.id, n.org_id, public.orgbase_department_text(n.name, n.code, n.description)
        FROM new_rows n
        ON CONFLICT (kind, row_id) DO UPDATE SET org_id = EXCLUDED.org_id, own = EXCLUDED.own
        WHERE (s.org_id, s.own) IS DISTINCT FROM (EXCLUDED.org_id, EXCLUDED.own);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER department_search_inserted AFTER INSERT ON department
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_departments_changed();
CREATE TRIGGER department_search_updated AFTER UPDATE ON department
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_departments_changed();
CREATE TRIGGER department_search_deleted AFTER DELETE ON department
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_departments_changed();

-- Members: their employment details, and their account's email and name.
CREATE FUNCTION orgbase_search_members_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM public.search_text s USING old_rows o WHERE s.kind = 'member' AND s.row_id = o.id;
        RETURN NULL;
    END IF;
    -- New members' accounts are read share-locked, in a statement of their own: a rename of one of
    -- them in flight is waited for and then read (the membership's foreign key takes only a
    -- key-share lock, which a rename does not wait for, nor it for the rename), and a rename that
    -- comes after waits for this transaction and then finds its rows here. (Updates, a member's
    -- daily activity among them, lock nothing: they keep the account text they find.)
    IF TG_OP = 'INSERT' THEN
        PERFORM 1 FROM public.app_user u WHERE u.id IN (SELECT DISTINCT n.user_id FROM new_rows n)
        ORDER BY u.id FOR SHARE;
    END IF;
    -- An upsert: a row missing here (a restore without triggers) comes back with any change. The
    -- account's text is taken afresh only with another account: otherwise it is the account
    -- trigger's to keep, and this statement's snapshot may be older than its last change.
    INSERT INTO public.search_text AS s (kind, row_id, org_id, user_id, account, own)
    SELECT 'member', n.id, n.org_id, n.user_id, public.orgbase_account_text(u.email, u.display_name),
           public.orgbase_member_text(n.job_title, n.employee_number)
    FROM new_rows n JOIN public.app_user u ON u.id = n.user_id
    ON CONFLICT (kind, row_id) DO UPDATE
        SET org_id = EXCLUDED.org_id, user_id = EXCLUDED.user_id, own = EXCLUDED.own,
            account = CASE WHEN s.user_id IS DISTINCT FROM EXCLUDED.user_id THEN EXCLUDED.account
                           ELSE s.account END
        WHERE (s.org_id, s.user_id, s.own) IS DISTINCT FROM (EXCLUDED.org_id, EXCLUDED.user_id, EXCLUDED.own);
    RETURN NULL;
END
$$;
CREATE TRIGGER membership_search_inserted AFTER INSERT ON membership
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_members_changed();
CREATE TRIGGER membership_search_updated AFTER UPDATE ON membership
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_members_changed();
CREATE TRIGGER membership_search_deleted AFTER DELETE ON membership
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_members_changed();

-- An account's new email or name reaches its memberships in every organization (a user's deletion
-- removes their memberships, and with them their rows here).
CREATE FUNCTION orgbase_search_accounts_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    UPDATE public.search_text s
    SET account = public.orgbase_account_text(n.email, n.display_name)
    FROM new_rows n
    WHERE s.user_id = n.id AND s.kind = 'member'
      AND s.account IS DISTINCT FROM public.orgbase_account_text(n.email, n.display_name);
    RETURN NULL;
END
$$;
CREATE TRIGGER app_user_search_updated AFTER UPDATE ON app_user
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_accounts_changed();

-- TRUNCATE fires no row or delete triggers; it empties a kind here too.
CREATE FUNCTION orgbase_search_truncated() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    DELETE FROM public.search_text WHERE kind = TG_ARGV[0];
    RETURN NULL;
END
$$;
CREATE TRIGGER department_search_truncated AFTER TRUNCATE ON department
    FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_truncated('department');
CREATE TRIGGER membership_search_truncated AFTER TRUNCATE ON membership
    FOR EACH STATEMENT EXECUTE FUNCTION orgbase_search_truncated('member');

REVOKE ALL ON FUNCTION orgbase_search_truncated() FROM PUBLIC;
REVOKE ALL ON FUNCTION orgbase_search_departments_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION orgbase_search_members_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION orgbase_search_accounts_changed() FROM PUBLIC;

-- The ids of the current organization's rows of p_kind whose text matches p_pattern (a LIKE pattern
-- of lower-case text, backslash escaping); NULL when there are more than p_cap of them (no cap when
-- p_cap is NULL), so a common term can be left to the sorted walk of the table's own index. Planned for the actual pattern each
-- time (EXECUTE): a generic plan would not know whether the trigram index helps.
CREATE FUNCTION orgbase_search_ids(p_kind text, p_pattern text, p_cap integer) RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
DECLARE
    found uuid[];
BEGIN
    EXECUTE 'SELECT array_agg(row_id) FROM (SELECT s.row_id FROM public.search_text s'
            ' WHERE s.kind = $1 AND s.org_id = public.orgbase_current_org() AND s.body LIKE $2'
            ' LIMIT $3) hits'
        INTO found USING p_kind, p_pattern, CASE WHEN p_cap IS NULL THEN NULL ELSE p_cap + 1 END;
    IF p_cap IS NOT NULL AND coalesce(cardinality(found), 0) > p_cap THEN
        RETURN NULL;
    END IF;
    RETURN coalesce(found, '{}'::uuid[]);
END
$$;
REVOKE ALL ON FUNCTION orgbase_search_ids(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_search_ids(text, text, integer) TO "${app_role}";


-- What is there already, across every organization (the owner reads past the policies here only).
ALTER TABLE department NO FORCE ROW LEVEL SECURITY;
ALTER TABLE membership NO FORCE ROW LEVEL SECURITY;
INSERT INTO search_text (kind, row_id, org_id, own)
SELECT 'department', d.id, d.org_id, orgbase_department_text(d.name, d.code, d.description) FROM department d;
INSERT INTO search_text (kind, row_id, org_id, user_id, account, own)
SELECT 'member', m.id, m.org_id, m.user_id, orgbase_account_text(u.email, u.display_name),
       orgbase_member_text(m.job_title, m.employee_number)
FROM membership m JOIN app_user u ON u.id = m.user_id;
ALTER TABLE department FORCE ROW LEVEL SECURITY;
ALTER TABLE membership FORCE ROW LEVEL SECURITY;

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
        -- the platform's support search over accounts (Users.search): app_user has no row policies,
        -- so the planner may use these for the application role directly
        EXECUTE format('CREATE INDEX app_user_email_trgm ON public.app_user USING gin (email %I.gin_trgm_ops)',
                       trgm_schema);
        EXECUTE format('CREATE INDEX app_user_display_name_trgm ON public.app_user'
                       ' USING gin (lower(display_name) %I.gin_trgm_ops)', trgm_schema);
    END IF;
END
$$;
