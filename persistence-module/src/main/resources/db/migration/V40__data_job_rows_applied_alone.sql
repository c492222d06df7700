-- Imports whose rows are written one at a time, each through the API's own rules in a transaction
-- of its own (members: a role granted, an invitation sent), mark the staged row with what writing
-- it did, in that same transaction. A unit resumed after a crash skips the rows already written
-- and counts them as they were: every row exactly once, though the unit's own transaction was lost.
ALTER TABLE data_job_row ADD COLUMN outcome text;
ALTER TABLE data_job_row ADD CONSTRAINT data_job_row_outcome_known
    CHECK (outcome IN ('created', 'invited', 'updated', 'unchanged'));

-- Teams an import wrote carry the job, as departments do.
ALTER TABLE team ADD COLUMN last_job_id uuid;

-- A row's original cells keep the file's column order (jsonb would sort the keys), so that the
-- refused rows download under the file's own headers, in its order.
ALTER TABLE data_job_row ALTER COLUMN original TYPE json USING original::text::json;
ALTER TABLE data_job_error ALTER COLUMN original TYPE json USING original::text::json;
