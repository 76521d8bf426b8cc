-- The Supabase-shaped template database: run by scripts/supabase-shape.sh as the cluster's superuser, connected to
-- soundscape_supabase_template. It stands in for a fresh Supabase project, as far as Soundscape can tell:
--   * the schema auth belongs to supabase_auth_admin, and so do auth.users (the columns Supabase Auth keeps, with
--     uuid ids, the e-mail, the password as encrypted_password, metadata as jsonb, is_anonymous) and the helper
--     functions auth.uid(), auth.role() and auth.jwt(), which read the request's claims the way PostgREST sets them;
--   * supabase_owner plays Supabase's `postgres`: it owns the database, is no superuser, may read and reference
--     auth.users but not change it, and is a member of anon, authenticated and service_role;
--   * the schema extensions, where pgvector is enabled (Supabase's dashboard does this as its own superuser);
--   * Supabase's default privileges: whatever supabase_owner creates in public is granted to anon, authenticated
--     and service_role (the migrations narrow that again).
-- Written from what a Supabase database looks like from the outside, not from Supabase's own SQL.
\set ON_ERROR_STOP 1

CREATE SCHEMA extensions AUTHORIZATION supabase_owner;
GRANT USAGE ON SCHEMA extensions TO PUBLIC;
CREATE EXTENSION vector WITH SCHEMA extensions;

CREATE SCHEMA auth AUTHORIZATION supabase_auth_admin;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role, supabase_owner;

SET ROLE supabase_auth_admin;

CREATE TABLE auth.users (
    instance_id                 uuid,
    id                          uuid PRIMARY KEY,
    aud                         varchar(255),
    role                        varchar(255),
    email                       varchar(255),
    encrypted_password          varchar(255),
    email_confirmed_at          timestamptz,
    invited_at                  timestamptz,
    confirmation_token          varchar(255),
    confirmation_sent_at        timestamptz,
    recovery_token              varchar(255),
    recovery_sent_at            timestamptz,
    email_change_token_new      varchar(255),
    email_change                varchar(255),
    email_change_sent_at        timestamptz,
    last_sign_in_at             timestamptz,
    raw_app_meta_data           jsonb,
    raw_user_meta_data          jsonb,
    is_super_admin              boolean,
    created_at                  timestamptz,
    updated_at                  timestamptz,
    phone                       text UNIQUE,
    phone_confirmed_at          timestamptz,
    phone_change                text DEFAULT '',
    phone_change_token          varchar(255) DEFAULT '',
    phone_change_sent_at        timestamptz,
    confirmed_at                timestamptz GENERATED ALWAYS AS (least(email_confirmed_at, phone_confirmed_at)) STORED,
    email_change_token_current  varchar(255) DEFAULT '',
    email_change_confirm_status smallint DEFAULT 0 CHECK (email_change_confirm_status BETWEEN 0 AND 2),
    banned_until                timestamptz,
    reauthentication_token      varchar(255) DEFAULT '',
    reauthentication_sent_at    timestamptz,
    is_sso_user                 boolean NOT NULL DEFAULT false,
    deleted_at                  timestamptz,
    is_anonymous                boolean NOT NULL DEFAULT false
);
CREATE INDEX users_instance_id_idx ON auth.users (instance_id);
CREATE INDEX users_is_anonymous_idx ON auth.users (is_anonymous);

-- The caller's claims: PostgREST sets request.jwt.claims (the whole payload, JSON); older versions set one
-- request.jwt.claim.<name> per claim. Either is read, the single claim first; empty means nobody.
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid
$$;
CREATE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')::text
$$;
CREATE FUNCTION auth.jwt() RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                    nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;

GRANT SELECT, REFERENCES ON auth.users TO supabase_owner;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.jwt() TO PUBLIC;

RESET ROLE;

ALTER DEFAULT PRIVILEGES FOR ROLE supabase_owner IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_owner IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_owner IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
