-- A user's own profile, platform-wide: phone (E.164), preferred language and time zone, avatar.
-- The application validates and normalizes each; the constraints keep the stored forms honest.
ALTER TABLE app_user
    ADD COLUMN phone text,
    ADD COLUMN language text,
    ADD COLUMN timezone text,
    ADD COLUMN avatar_url text,
    ADD CONSTRAINT app_user_phone_e164 CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    ADD CONSTRAINT app_user_language_format CHECK (language ~ '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$'),
    ADD CONSTRAINT app_user_timezone_length CHECK (char_length(timezone) BETWEEN 1 AND 64),
    ADD CONSTRAINT app_user_avatar_url_https CHECK (avatar_url ~ '^https://' AND char_length(avatar_url) <= 2000),
    ADD CONSTRAINT app_user_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 200);
