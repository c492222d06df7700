-- The Jakarta Batch runtime keeps its job repository (instances, executions, step executions,
-- checkpoints) in this schema. The runtime creates its own tables on first use, through a
-- non-transactional server pool of the application role (jbatch on Payara sets search_path on
-- every connection it takes, so it gets a pool of its own); Flyway owns only the empty schema.
-- Orgbase's own truth about a job (tenant, owner, files, progress, position) is in data_job.
CREATE SCHEMA IF NOT EXISTS orgbase_batch;
GRANT USAGE, CREATE ON SCHEMA orgbase_batch TO "${app_role}";
