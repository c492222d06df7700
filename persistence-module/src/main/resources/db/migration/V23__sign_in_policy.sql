-- Security policy per organization, and how and when each session signed in.
--
-- The policy is set through the settings' security group and kept on the organization row as well,
-- where tenant resolution reads it at no extra cost: require two-factor sign-in of members, and a
-- longest session (hours since the sign-in the session started with, refreshes included).
ALTER TABLE organization
    ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false,
    ADD COLUMN max_session_hours integer,
    ADD CONSTRAINT organization_max_session_hours_range CHECK (max_session_hours BETWEEN 1 AND 8760);

-- A refresh token family carries the sign-in it started with: when (auth_time) and how (amr, RFC
-- 8176 values joined by spaces). Rotation copies both, so a session cannot outlive a policy by
-- refreshing. Sessions opened before this version count as password sign-ins at their creation.
ALTER TABLE refresh_token
    ADD COLUMN auth_time timestamptz,
    ADD COLUMN amr text;
UPDATE refresh_token SET auth_time = created_at, amr = 'pwd';
ALTER TABLE refresh_token
    ALTER COLUMN auth_time SET NOT NULL,
    ALTER COLUMN amr SET NOT NULL,
    ADD CONSTRAINT refresh_token_amr_format CHECK (amr ~ '^[a-z]+( [a-z]+)*$');
