-- The organization a user works in when a request names none ("current" without a subdomain).
ALTER TABLE app_user ADD COLUMN default_org_id uuid REFERENCES organization (id) ON DELETE SET NULL;
