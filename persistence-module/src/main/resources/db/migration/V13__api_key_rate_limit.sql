-- An API key may have its own request budget per minute (an integration that must be kept in
-- check); NULL means the per-principal default.
ALTER TABLE api_key ADD COLUMN rate_limit_per_minute integer;
ALTER TABLE api_key ADD CONSTRAINT api_key_rate_limit_range CHECK (rate_limit_per_minute BETWEEN 1 AND 1000000);
