using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// Role checks inside the database (public.has_role), admins managing roles, and the seeds' rule for the library:
/// everyone reads sounds, only admins write them.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261123100000_RolesAndLibrarySecurity")]
public sealed class RolesAndLibrarySecurity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        -- SECURITY DEFINER: it reads roles as their owner, so a policy on roles itself can use it without recursion.
        CREATE FUNCTION public.has_role(p_role text) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp
            AS $fn$
                SELECT EXISTS (SELECT 1 FROM public.roles WHERE user_id = auth.uid() AND role = p_role)
            $fn$;

        CREATE POLICY roles_admin_all ON roles FOR ALL
            USING ((SELECT public.has_role('admin'))) WITH CHECK ((SELECT public.has_role('admin')));

        ALTER TABLE sounds ENABLE ROW LEVEL SECURITY;
        CREATE POLICY sounds_select_all ON sounds FOR SELECT USING (true);
        CREATE POLICY sounds_admin_insert ON sounds FOR INSERT WITH CHECK ((SELECT public.has_role('admin')));
        CREATE POLICY sounds_admin_update ON sounds FOR UPDATE
            USING ((SELECT public.has_role('admin'))) WITH CHECK ((SELECT public.has_role('admin')));
        CREATE POLICY sounds_admin_delete ON sounds FOR DELETE USING ((SELECT public.has_role('admin')));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP POLICY IF EXISTS sounds_admin_delete ON sounds;
        DROP POLICY IF EXISTS sounds_admin_update ON sounds;
        DROP POLICY IF EXISTS sounds_admin_insert ON sounds;
        DROP POLICY IF EXISTS sounds_select_all ON sounds;
        ALTER TABLE sounds DISABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS roles_admin_all ON roles;
        DROP FUNCTION IF EXISTS public.has_role(text);
        """);
}
