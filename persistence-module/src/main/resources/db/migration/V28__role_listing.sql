-- The roles an organization lists are its custom roles and the four system roles, which are the
-- same everywhere. They become one relation, so that the roles list is paged, sorted, filtered and
-- searched by the collection engine like every other list. The system roles' names and
-- descriptions live here (the application reads them from this table).
CREATE TABLE system_role (
    role_key text PRIMARY KEY,
    rank integer NOT NULL UNIQUE,
    name text NOT NULL,
    description text NOT NULL
);
INSERT INTO system_role (role_key, rank, name, description) VALUES
    ('owner', 0, 'Owner', 'Everything, including deleting the organization'),
    ('admin', 1, 'Administrator', 'Manages the organization, its members, roles and keys'),
    ('member', 2, 'Member', 'Reads the organization, its members, departments and roles'),
    ('viewer', 3, 'Viewer', 'Reads the organization and its departments');

-- security_invoker: the application role reads org_role under its own row policy, so the listing
-- holds the tenant's custom roles and nobody else's. A role's key names it in the listing (custom
-- keys never repeat a system key); custom roles rank after the system ones.
CREATE VIEW role_listing WITH (security_invoker = true) AS
    SELECT s.role_key AS role_key, s.rank, s.name, s.description, true AS system
    FROM system_role s
    UNION ALL
    SELECT r.role_key, 4, r.name, r.description, false
    FROM org_role r;

GRANT SELECT ON system_role, role_listing TO "${app_role}";
