-- What every request re-read to resolve its organization (the organization, the caller's
-- membership and custom role) is kept by each server in memory (AccessCache) and used only while
-- the organization's access generation is the one it was read at. The generation is read in the
-- statement that enters the tenant, so a cached answer costs no round trip of its own, and a change
-- is seen by the very next request on every server: no invalidation message, no window.
--
-- A row per organization that ever had an access-relevant change; a missing row is generation 0.
-- No foreign key: a deleted organization's row stays, with its generation moved on.
-- Generations come from a sequence, never from "generation + 1": a rolled-back change must not hand
-- out a number that a later committed change would hand out again (an entry read by the rolled-back
-- transaction, which saw its own change, would then pass for current).
CREATE SEQUENCE access_generation_seq;
CREATE TABLE access_generation (
    org_id     uuid   PRIMARY KEY,
    generation bigint NOT NULL
);
GRANT SELECT ON access_generation TO "${app_role}";

-- Moves the generation of each organization once per statement, in id order (two statements that
-- touch several organizations, a user's deletion cascading over their memberships, lock the
-- counters in the same order and cannot deadlock on them). Owner's rights: the application role
-- only reads the counters. Temporary tables are searched last (as V43 does for every definer).
CREATE FUNCTION orgbase_bump_access_generation(p_orgs uuid[]) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
    INSERT INTO public.access_generation AS g (org_id, generation)
    SELECT o, nextval('public.access_generation_seq')
    FROM (SELECT DISTINCT o FROM unnest(p_orgs) o WHERE o IS NOT NULL ORDER BY o) ids
    ON CONFLICT (org_id) DO UPDATE SET generation = EXCLUDED.generation;
$$;
REVOKE ALL ON FUNCTION orgbase_bump_access_generation(uuid[]) FROM PUBLIC;

-- Statement triggers over the transition tables: one bump per organization and statement however
-- many rows a bulk load or a cascade changes.
CREATE FUNCTION orgbase_access_rows_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM public.orgbase_bump_access_generation(ARRAY(SELECT org_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM public.orgbase_bump_access_generation(ARRAY(SELECT org_id FROM old_rows));
    ELSE
        PERFORM public.orgbase_bump_access_generation(
            ARRAY(SELECT org_id FROM old_rows UNION SELECT org_id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;

-- A membership whose only change is its last activity (written on a member's first request of a
-- day) or its employment details leaves access as it was.
CREATE FUNCTION orgbase_access_membership_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    PERFORM public.orgbase_bump_access_generation(ARRAY(
        SELECT o.org_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.org_id, o.user_id, o.role, o.role_id, o.active)
              IS DISTINCT FROM (n.org_id, n.user_id, n.role, n.role_id, n.active)
        UNION
        SELECT n.org_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.org_id, o.user_id, o.role, o.role_id, o.active)
              IS DISTINCT FROM (n.org_id, n.user_id, n.role, n.role_id, n.active)));
    RETURN NULL;
END
$$;

-- An organization's slug, status, parent and sign-in policy decide every request's resolution;
-- its creation changes nothing cached (a cached slug belongs to a row that was changed or deleted).
CREATE FUNCTION orgbase_access_organizations_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM public.orgbase_bump_access_generation(ARRAY(SELECT id FROM old_rows));
    ELSE
        PERFORM public.orgbase_bump_access_generation(ARRAY(SELECT id FROM new_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER organization_access_update AFTER UPDATE ON organization
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_organizations_changed();
CREATE TRIGGER organization_access_delete AFTER DELETE ON organization
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_organizations_changed();

CREATE TRIGGER membership_access_insert AFTER INSERT ON membership
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_rows_changed();
CREATE TRIGGER membership_access_update AFTER UPDATE ON membership
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_membership_changed();
CREATE TRIGGER membership_access_delete AFTER DELETE ON membership
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_rows_changed();

CREATE TRIGGER org_role_access_insert AFTER INSERT ON org_role
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_rows_changed();
CREATE TRIGGER org_role_access_update AFTER UPDATE ON org_role
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_rows_changed();
CREATE TRIGGER org_role_access_delete AFTER DELETE ON org_role
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION orgbase_access_rows_changed();
