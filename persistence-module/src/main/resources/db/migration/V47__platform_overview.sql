-- The platform administrators' overview (PlatformOverview) counts every organization's active
-- memberships. As for data jobs and dead letters, only a transaction that entered the platform scope
-- (DatabaseSession.enterPlatformScope, in platform administrators' boundary methods alone) reads
-- them across organizations; every other caller still sees its organization's rows or its own.
-- SELECT only: writing a membership still needs its organization.
-- Outside any organization only: a platform transaction that goes on to enter one (a job action
-- after its look-up) sees that organization's memberships alone, as every tenant query expects.
CREATE POLICY membership_platform ON membership FOR SELECT
    USING (orgbase_platform_scope() AND orgbase_current_org() IS NULL);

-- Queued data jobs, counted by the overview and looked for by orgbase_data_job_unstarted's sweep:
-- only the few queued rows are in it, where both read the whole table before.
CREATE INDEX data_job_queued_idx ON data_job (created_at) WHERE status = 'queued';
