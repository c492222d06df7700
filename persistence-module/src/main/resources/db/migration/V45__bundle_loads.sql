-- Organization bundles load a whole organization in one transaction, into an organization the
-- planner has no statistics for. Two things follow.
--
-- 1. The "one primary channel" check looks up a contact's addresses by contact_id; the row policy
--    adds org_id = the current organization. For an organization the statistics do not know, the
--    planner expects almost no rows for that org_id and probed the (org_id, email_key) index,
--    reading every address of the new organization for each address checked: 20,000 contacts took
--    48 s to check instead of 0.2 s. With the address first the index serves lookups by address
--    exactly as before and never tempts a lookup by contact.
CREATE INDEX contact_email_key_org_idx ON contact_email (email_key, org_id);
DROP INDEX contact_email_org_key_idx;

-- 2. After a large table is loaded, the load refreshes its statistics (inside its transaction:
--    ANALYZE counts the transaction's own new rows), so the statements that follow are planned for
--    what is there. Only the owner may ANALYZE; this function does it for the tables a bundle
--    carries, and for nothing else.
CREATE FUNCTION orgbase_refresh_bundle_statistics(table_name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
    IF table_name NOT IN ('organization_settings', 'organization_feature', 'custom_field', 'tag',
            'mail_template_override', 'org_role', 'department', 'membership', 'membership_period', 'team',
            'team_member', 'contact', 'contact_email', 'contact_phone', 'contact_address', 'category',
            'tagging', 'announcement') THEN
        RAISE invalid_parameter_value USING MESSAGE = format('%s is not a table of a bundle', table_name);
    END IF;
    EXECUTE format('ANALYZE public.%I', table_name);
END $$;
REVOKE ALL ON FUNCTION orgbase_refresh_bundle_statistics(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION orgbase_refresh_bundle_statistics(text) TO "${app_role}";
