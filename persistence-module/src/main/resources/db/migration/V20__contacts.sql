-- Contacts: an organization's people outside it (customers, suppliers, partners), each with any
-- number of email addresses, phone numbers and postal addresses. Of each kind of channel a contact
-- with any has exactly one primary, which the database enforces: at most one by a deferred
-- exclusion constraint, at least one by a deferred constraint trigger. Both are checked at commit,
-- so a request may move the primary flag from one row to another in any order.
CREATE TABLE contact (
    id                 uuid        PRIMARY KEY,
    org_id             uuid        NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
    title              text,
    first_name         text,
    last_name          text,
    job_title          text,
    department         text,
    organization_name  text,
    status             text        NOT NULL DEFAULT 'active' REFERENCES status (slug),
    notes              text,
    custom_fields      jsonb       NOT NULL DEFAULT '{}',
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    created_by         uuid,
    updated_by         uuid,
    version            bigint      NOT NULL DEFAULT 0,
    CONSTRAINT contact_org_id_key UNIQUE (org_id, id),
    CONSTRAINT contact_named CHECK (first_name IS NOT NULL OR last_name IS NOT NULL),
    CONSTRAINT contact_title_length CHECK (char_length(title) BETWEEN 1 AND 50),
    CONSTRAINT contact_first_name_length CHECK (char_length(first_name) BETWEEN 1 AND 100),
    CONSTRAINT contact_last_name_length CHECK (char_length(last_name) BETWEEN 1 AND 100),
    CONSTRAINT contact_job_title_length CHECK (char_length(job_title) BETWEEN 1 AND 200),
    CONSTRAINT contact_department_length CHECK (char_length(department) BETWEEN 1 AND 200),
    CONSTRAINT contact_organization_name_length CHECK (char_length(organization_name) BETWEEN 1 AND 200),
    CONSTRAINT contact_notes_length CHECK (char_length(notes) <= 10000),
    CONSTRAINT contact_custom_fields_object CHECK (jsonb_typeof(custom_fields) = 'object')
);
CREATE INDEX contact_org_last_name_idx ON contact (org_id, last_name, id);
CREATE INDEX contact_org_organization_name_idx ON contact (org_id, organization_name);
ALTER TABLE contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact FORCE ROW LEVEL SECURITY;
CREATE POLICY contact_tenant ON contact
    USING (org_id = orgbase_current_org())
    WITH CHECK (org_id = orgbase_current_org());
CREATE TRIGGER contact_tagging_forget AFTER DELETE ON contact
    FOR EACH ROW EXECUTE FUNCTION tagging_forget('contact');

CREATE TABLE contact_email (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL,
    contact_id  uuid        NOT NULL,
    email       text        NOT NULL,
    type        text        NOT NULL DEFAULT 'work',
    is_primary  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid,
    updated_by  uuid,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT contact_email_contact_fk FOREIGN KEY (org_id, contact_id)
        REFERENCES contact (org_id, id) ON DELETE CASCADE,
    CONSTRAINT contact_email_format CHECK (char_length(email) <= 320 AND email ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT contact_email_type_known CHECK (type IN ('work', 'personal', 'other')),
    CONSTRAINT contact_email_one_primary EXCLUDE USING btree (contact_id WITH =) WHERE (is_primary)
        DEFERRABLE INITIALLY DEFERRED
);
CREATE UNIQUE INDEX contact_email_key ON contact_email (contact_id, lower(email));
CREATE INDEX contact_email_org_email_idx ON contact_email (org_id, lower(email));

CREATE TABLE contact_phone (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL,
    contact_id  uuid        NOT NULL,
    number      text        NOT NULL,
    type        text        NOT NULL DEFAULT 'work',
    is_primary  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    created_by  uuid,
    updated_by  uuid,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT contact_phone_contact_fk FOREIGN KEY (org_id, contact_id)
        REFERENCES contact (org_id, id) ON DELETE CASCADE,
    CONSTRAINT contact_phone_e164 CHECK (number ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT contact_phone_type_known CHECK (type IN ('mobile', 'work', 'home', 'fax', 'other')),
    CONSTRAINT contact_phone_key UNIQUE (contact_id, number),
    CONSTRAINT contact_phone_one_primary EXCLUDE USING btree (contact_id WITH =) WHERE (is_primary)
        DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE contact_address (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL,
    contact_id   uuid        NOT NULL,
    type         text        NOT NULL DEFAULT 'work',
    is_primary   boolean     NOT NULL DEFAULT false,
    line1        text,
    line2        text,
    city         text,
    region       text,
    postal_code  text,
    country      text,
    latitude     numeric(8, 6),
    longitude    numeric(9, 6),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    created_by   uuid,
    updated_by   uuid,
    version      bigint      NOT NULL DEFAULT 0,
    CONSTRAINT contact_address_contact_fk FOREIGN KEY (org_id, contact_id)
        REFERENCES contact (org_id, id) ON DELETE CASCADE,
    CONSTRAINT contact_address_type_known CHECK (type IN ('billing', 'shipping', 'home', 'work', 'other')),
    CONSTRAINT contact_address_country_format CHECK (country ~ '^[A-Z]{2}$'),
    CONSTRAINT contact_address_latitude_range CHECK (latitude BETWEEN -90 AND 90),
    CONSTRAINT contact_address_longitude_range CHECK (longitude BETWEEN -180 AND 180),
    CONSTRAINT contact_address_one_primary EXCLUDE USING btree (contact_id WITH =) WHERE (is_primary)
        DEFERRABLE INITIALLY DEFERRED
);

-- At least one primary: after the transaction's changes, a contact with rows of a kind has one
-- marked primary. Runs as the caller, under the row policies, like the statements that fired it.
CREATE FUNCTION contact_channel_has_primary() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner     uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.contact_id ELSE NEW.contact_id END;
    rows      bigint;
    primaries bigint;
BEGIN
    EXECUTE format('SELECT count(*), count(*) FILTER (WHERE is_primary) FROM %I WHERE contact_id = $1',
                   TG_TABLE_NAME)
        INTO rows, primaries USING owner;
    IF rows > 0 AND primaries <> 1 THEN
        RAISE check_violation USING
            MESSAGE = format('contact %s has %s %s rows and %s primary', owner, rows, TG_TABLE_NAME, primaries),
            CONSTRAINT = TG_TABLE_NAME || '_has_primary';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER contact_email_has_primary AFTER INSERT OR UPDATE OR DELETE ON contact_email
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION contact_channel_has_primary();
CREATE CONSTRAINT TRIGGER contact_phone_has_primary AFTER INSERT OR UPDATE OR DELETE ON contact_phone
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION contact_channel_has_primary();
CREATE CONSTRAINT TRIGGER contact_address_has_primary AFTER INSERT OR UPDATE OR DELETE ON contact_address
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION contact_channel_has_primary();

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['contact_email', 'contact_phone', 'contact_address'] LOOP
        EXECUTE format('CREATE INDEX %I ON %I (contact_id)', t || '_contact_idx', t);
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I USING (org_id = orgbase_current_org())'
                       || ' WITH CHECK (org_id = orgbase_current_org())', t || '_tenant', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON contact, contact_email, contact_phone, contact_address TO "${app_role}";
