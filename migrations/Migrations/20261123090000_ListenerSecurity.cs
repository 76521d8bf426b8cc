using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The listener loop's security: sign-in lockout columns, a Supabase-shaped auth.uid(), row-level security on
/// profiles, votes, sessions and roles (DESIGN §3, the seeds' policies), and a public listener count that does
/// not expose who is checked in.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261123090000_ListenerSecurity")]
public sealed class ListenerSecurity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP FUNCTION IF EXISTS public.active_listener_count(uuid);
        DROP POLICY IF EXISTS roles_select_own ON roles;
        ALTER TABLE roles DISABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS sessions_own ON sessions;
        ALTER TABLE sessions DISABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS votes_select_own ON votes;
        DROP POLICY IF EXISTS votes_insert_own ON votes;
        ALTER TABLE votes DISABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS profiles_select_all ON profiles;
        DROP POLICY IF EXISTS profiles_insert_own ON profiles;
        DROP POLICY IF EXISTS profiles_update_own ON profiles;
        ALTER TABLE profiles DISABLE ROW LEVEL SECURITY;
        ALTER TABLE auth.users DROP COLUMN IF EXISTS failed_sign_ins, DROP COLUMN IF EXISTS locked_until;
        """);

    private const string UpSql = """
        ALTER TABLE auth.users
            ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
            ADD COLUMN locked_until timestamptz;

        -- Supabase's auth.uid(): the caller's id from the request's JWT claims, NULL when anonymous. On Supabase it
        -- exists already and belongs to Supabase, so it is only created where it is missing.
        DO $$
        BEGIN
            IF to_regprocedure('auth.uid()') IS NULL THEN
                CREATE FUNCTION auth.uid() RETURNS uuid
                    LANGUAGE sql STABLE
                    AS $fn$
                        SELECT nullif(coalesce(
                            nullif(current_setting('request.jwt.claim.sub', true), ''),
                            nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'), '')::uuid
                    $fn$;
            END IF;
        END
        $$;

        -- "(SELECT auth.uid())" is evaluated once per statement instead of once per row.
        ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
        CREATE POLICY profiles_select_all ON profiles FOR SELECT USING (true);
        CREATE POLICY profiles_insert_own ON profiles FOR INSERT WITH CHECK (id = (SELECT auth.uid()));
        CREATE POLICY profiles_update_own ON profiles FOR UPDATE
            USING (id = (SELECT auth.uid())) WITH CHECK (id = (SELECT auth.uid()));

        ALTER TABLE votes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY votes_select_own ON votes FOR SELECT USING (user_id = (SELECT auth.uid()));
        CREATE POLICY votes_insert_own ON votes FOR INSERT WITH CHECK (user_id = (SELECT auth.uid()));

        ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
        CREATE POLICY sessions_own ON sessions FOR ALL
            USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));

        ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
        CREATE POLICY roles_select_own ON roles FOR SELECT USING (user_id = (SELECT auth.uid()));

        -- The seeds make sessions publicly readable for the "active listeners" count; a count is all that is
        -- needed, so sessions stay private and this function (running as the table owner) returns only the number.
        CREATE FUNCTION public.active_listener_count(p_player_id uuid) RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
                SELECT count(*)::integer FROM public.sessions
                WHERE player_id = p_player_id AND status = 'active' AND expires_at > now()
            $fn$;
        """;
}
