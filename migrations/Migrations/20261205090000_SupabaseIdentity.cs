using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The Supabase mode's identity (docs/adr/0160-supabase-identity-mode.md). Applied in the Supabase dialect
/// (SupabaseMigrationSql), the earlier migrations put Soundscape's account table in soundscape_auth; here that table
/// follows Supabase Auth's accounts: its id references "auth"."users" (quoted, so the dialect leaves Supabase's table
/// alone) with ON DELETE CASCADE, which takes the profile and everything hanging off it when Supabase deletes a user.
/// It keeps no passwords (Supabase Auth checks them), and only the service role writes it (first-use provisioning).
/// In both modes, where Supabase's roles exist, anon and authenticated get exactly soundscape_app's privileges and
/// service_role soundscape_service's, and nothing else of what Supabase's default privileges hand them.
/// A later migration that adds a table or column runs <c>SELECT public.soundscape_grant_supabase_roles();</c> again.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261205090000_SupabaseIdentity")]
public sealed class SupabaseIdentity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DO $$
        BEGIN
            IF to_regclass('soundscape_auth.users') IS NOT NULL THEN
                ALTER TABLE soundscape_auth.users DROP CONSTRAINT ck_users_credentials;
                ALTER TABLE soundscape_auth.users ADD CONSTRAINT ck_users_no_own_password CHECK (password_hash IS NULL);
                ALTER TABLE soundscape_auth.users
                    ADD CONSTRAINT fk_users_supabase_user FOREIGN KEY (id) REFERENCES "auth"."users" (id) ON DELETE CASCADE;
                IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app') THEN
                    REVOKE INSERT, UPDATE, DELETE ON soundscape_auth.users FROM soundscape_app;
                END IF;
            END IF;
        END
        $$;

        -- Copies the table, column and sequence privileges of soundscape_app to anon and authenticated, and those of
        -- soundscape_service to service_role, on the tables of public and of Soundscape's account schema, after
        -- taking away whatever else they held there. Row-level security then decides the rows, as for the API.
        CREATE FUNCTION public.soundscape_grant_supabase_roles() RETURNS void
            LANGUAGE plpgsql
            SET search_path = public, pg_temp
            AS $fn$
            DECLARE
                pair record;
                grant_row record;
            BEGIN
                FOR pair IN
                    SELECT s.rolname AS source, t.rolname AS target
                    FROM (VALUES ('soundscape_app', 'anon'), ('soundscape_app', 'authenticated'), ('soundscape_service', 'service_role')) v (source, target)
                    JOIN pg_roles s ON s.rolname = v.source
                    JOIN pg_roles t ON t.rolname = v.target
                LOOP
                    FOR grant_row IN
                        SELECT c.oid::regclass AS rel, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname IN ('public', 'soundscape_auth', 'auth') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                          AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                    LOOP
                        EXECUTE format('REVOKE ALL ON %s %s FROM %I', grant_row.kind, grant_row.rel, pair.target);
                    END LOOP;
                    FOR grant_row IN
                        SELECT c.oid::regclass AS rel, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, a.privilege_type
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
                        WHERE n.nspname IN ('public', 'soundscape_auth', 'auth') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                          AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                          AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = pair.source)
                    LOOP
                        EXECUTE format('GRANT %s ON %s %s TO %I', grant_row.privilege_type, grant_row.kind, grant_row.rel, pair.target);
                    END LOOP;
                    FOR grant_row IN
                        SELECT c.oid::regclass AS rel, at.attname, a.privilege_type
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        JOIN pg_attribute at ON at.attrelid = c.oid AND at.attnum > 0 AND NOT at.attisdropped, aclexplode(at.attacl) a
                        WHERE n.nspname IN ('public', 'soundscape_auth', 'auth') AND c.relkind IN ('r', 'p', 'v', 'm')
                          AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                          AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = pair.source)
                    LOOP
                        EXECUTE format('GRANT %s (%I) ON %s TO %I', grant_row.privilege_type, grant_row.attname, grant_row.rel, pair.target);
                    END LOOP;
                    FOR grant_row IN
                        SELECT n.nspname FROM pg_namespace n
                        WHERE n.nspname IN ('public', 'soundscape_auth') AND has_schema_privilege(pair.source, n.oid, 'USAGE')
                    LOOP
                        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', grant_row.nspname, pair.target);
                    END LOOP;
                END LOOP;
            END
            $fn$;
        REVOKE ALL ON FUNCTION public.soundscape_grant_supabase_roles() FROM PUBLIC;
        SELECT public.soundscape_grant_supabase_roles();
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP FUNCTION IF EXISTS public.soundscape_grant_supabase_roles();
        DO $$
        BEGIN
            IF to_regclass('soundscape_auth.users') IS NOT NULL THEN
                ALTER TABLE soundscape_auth.users DROP CONSTRAINT IF EXISTS fk_users_supabase_user;
                ALTER TABLE soundscape_auth.users DROP CONSTRAINT IF EXISTS ck_users_no_own_password;
            END IF;
        END
        $$;
        """);
}
