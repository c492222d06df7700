-- How long an organization keeps its audit trail; NULL keeps it forever (the default).
ALTER TABLE organization ADD COLUMN audit_retention_days integer;
ALTER TABLE organization ADD CONSTRAINT organization_audit_retention_range
    CHECK (audit_retention_days BETWEEN 1 AND 36500);

-- Where a chain starts after old entries were removed: the first kept entry and the hash it links
-- to. Verification starts there instead of at entry 1 with the genesis hash.
ALTER TABLE audit_chain ADD COLUMN first_seq bigint NOT NULL DEFAULT 1;
ALTER TABLE audit_chain ADD COLUMN first_prev_hash text NOT NULL DEFAULT repeat('0', 64);

-- The only way entries are ever removed: the oldest part of one organization's chain, older than
-- that organization's own retention, and never the newest entry (the chain keeps a head to link
-- to). Runs with its owner's rights, because the application role cannot delete entries; it takes
-- the chain's head lock first, so it cannot interleave with an append.
CREATE FUNCTION orgbase_purge_audit(p_org uuid) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
    AS $$
DECLARE
    v_days   integer;
    v_last   bigint;
    v_upto   bigint;
    v_count  bigint;
    v_anchor text;
BEGIN
    SELECT audit_retention_days INTO v_days FROM organization WHERE id = p_org;
    IF v_days IS NULL THEN
        RETURN 0;
    END IF;
    SELECT last_seq INTO v_last FROM audit_chain WHERE chain = p_org FOR UPDATE;
    IF v_last IS NULL THEN
        RETURN 0;
    END IF;
    SELECT max(seq) INTO v_upto FROM audit_event
        WHERE chain = p_org AND seq < v_last AND occurred_at < now() - make_interval(days => v_days);
    IF v_upto IS NULL THEN
        RETURN 0;
    END IF;
    SELECT hash INTO v_anchor FROM audit_event WHERE chain = p_org AND seq = v_upto;
    DELETE FROM audit_event WHERE chain = p_org AND seq <= v_upto;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    UPDATE audit_chain SET first_seq = v_upto + 1, first_prev_hash = v_anchor WHERE chain = p_org;
    RETURN v_count;
END
$$;
-- Row-level security is forced on the owner too: deleting needs a policy, for the owner (this
-- function) alone, and only in the organization the transaction entered.
CREATE POLICY audit_event_purge ON audit_event FOR DELETE TO CURRENT_USER USING (chain = orgbase_audit_chain());

REVOKE ALL ON FUNCTION orgbase_purge_audit(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_purge_audit(uuid) TO "${app_role}";
