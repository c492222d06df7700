-- What every request re-read to resolve its organization (the organization, the caller's
-- membership and custom role) is kept by each server in memory (AccessCache) and used only while
-- the organization's access generation is the one it was read at. The generation is read in the
-- statement that enters the tenant, so a cached answer costs no round trip of its own, and a change
-- is seen by the very next request on every server: no invalidation message, no window.
--
-- A row per organization that ever had an access-relevant change; a missing row is generation 0.
-- No foreign key: a deleted organization's row stays, with its last generation bumped.
CREATE TABLE access_generation (
    org_id     uuid   PRIMARY KEY,
    generation bigint NOT NULL
);
GRANT SELECT ON access_generation TO "${app_role}";

-- Bumps the generation of the organization(s) a changed row belongs to. Runs with its owner's
-- rights: the application role may only read the counters. TG_ARGV[0] names the row's organization
-- column.
CREATE FUNCTION orgbase_bump_access_generation() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_old uuid;
    v_new uuid;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        v_old := (to_jsonb(OLD) ->> TG_ARGV[0])::uuid;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        v_new := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
    END IF;
    IF v_old IS NOT NULL THEN
        INSERT INTO access_generation AS g (org_id, generation) VALUES (v_old, 1)
            ON CONFLICT (org_id) DO UPDATE SET generation = g.generation + 1;
    END IF;
    IF v_new IS NOT NULL AND v_new IS DISTINCT FROM v_old THEN
        INSERT INTO access_generation AS g (org_id, generation) VALUES (v_new, 1)
            ON CONFLICT (org_id) DO UPDATE SET generation = g.generation + 1;
    END IF;
    RETURN NULL;
END
$$;

-- An organization's slug, status, parent and sign-in policy decide every request's resolution;
-- its creation changes nothing cached (a cached slug belongs to a row that was changed or deleted).
-- A membership whose only change is its last activity (written on a member's first request of a
-- day) or its employment details leaves access as it was.
CREATE TRIGGER organization_access_generation AFTER UPDATE OR DELETE ON organization
    FOR EACH ROW EXECUTE FUNCTION orgbase_bump_access_generation('id');
CREATE TRIGGER membership_access_generation AFTER INSERT OR DELETE ON membership
    FOR EACH ROW EXECUTE FUNCTION orgbase_bump_access_generation('org_id');
CREATE TRIGGER membership_access_generation_change AFTER UPDATE ON membership
    FOR EACH ROW
    WHEN ((OLD.org_id, OLD.user_id, OLD.role, OLD.role_id, OLD.active)
          IS DISTINCT FROM (NEW.org_id, NEW.user_id, NEW.role, NEW.role_id, NEW.active))
    EXECUTE FUNCTION orgbase_bump_access_generation('org_id');
CREATE TRIGGER org_role_access_generation AFTER INSERT OR UPDATE OR DELETE ON org_role
    FOR EACH ROW EXECUTE FUNCTION orgbase_bump_access_generation('org_id');
