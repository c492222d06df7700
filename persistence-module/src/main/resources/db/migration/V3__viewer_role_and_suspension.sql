-- A read-only system role, and memberships that can be suspended without being deleted.
ALTER TABLE membership DROP CONSTRAINT membership_role_known;
ALTER TABLE membership ADD CONSTRAINT membership_role_known CHECK (role IN ('owner', 'admin', 'member', 'viewer'));
ALTER TABLE membership ADD COLUMN active boolean NOT NULL DEFAULT true;
