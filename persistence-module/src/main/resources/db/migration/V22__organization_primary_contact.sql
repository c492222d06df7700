-- The organization's primary contact: one of its own contacts; deleting the contact clears it.
ALTER TABLE organization
    ADD COLUMN primary_contact_id uuid,
    ADD CONSTRAINT organization_primary_contact_fk FOREIGN KEY (id, primary_contact_id)
        REFERENCES contact (org_id, id) ON DELETE SET NULL (primary_contact_id);
