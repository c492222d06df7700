-- A membership marked inherited gives the same role in every organization below its own (the
-- nearest such membership up the hierarchy counts). Only system roles are inherited: a custom
-- role is a row of its own organization, not of the descendants.
ALTER TABLE membership
    ADD COLUMN inherited boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT membership_inherited_system_role CHECK (NOT inherited OR role_id IS NULL);
CREATE INDEX membership_user_inherited_idx ON membership (user_id, org_id) WHERE inherited;
