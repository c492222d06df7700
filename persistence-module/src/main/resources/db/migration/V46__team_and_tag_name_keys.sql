-- Teams and tags are found by name in any case: by the API (a team's name must be unique, a tag
-- named on a record), and by imports for every row that names one. lower(name) is not leakproof, so
-- under the row policies the planner may not probe an index with it: each lookup read every team
-- or tag of the organization. As contact_email.email_key (V44), a stored lower-case copy compared by
-- plain equality is probed through its index; the key comes first (see V45: an index led by org_id
-- tempts the planner for an organization it has no statistics for). The unique indexes replace the
-- ones on (org_id, lower(name)) with the same rule.
ALTER TABLE team ADD COLUMN name_key text GENERATED ALWAYS AS (lower(name)) STORED;
CREATE UNIQUE INDEX team_name_key_org_key ON team (name_key, org_id);
DROP INDEX team_org_name_key;

ALTER TABLE tag ADD COLUMN name_key text GENERATED ALWAYS AS (lower(name)) STORED;
CREATE UNIQUE INDEX tag_name_key_org_key ON tag (name_key, org_id);
DROP INDEX tag_org_name_key;
