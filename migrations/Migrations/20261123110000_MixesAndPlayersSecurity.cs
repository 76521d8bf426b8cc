using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// Row-level security for mixes (public ones readable by all, own ones fully), players (readable by all for the
/// check-in and status; written by their manager or an admin) and the player-owned rows: player_library and
/// play_history belong to whoever manages the player.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261123110000_MixesAndPlayersSecurity")]
public sealed class MixesAndPlayersSecurity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE mixes ENABLE ROW LEVEL SECURITY;
        CREATE POLICY mixes_select_public_or_own ON mixes FOR SELECT
            USING (is_public OR creator_id = (SELECT auth.uid()));
        CREATE POLICY mixes_insert_own ON mixes FOR INSERT WITH CHECK (creator_id = (SELECT auth.uid()));
        CREATE POLICY mixes_update_own ON mixes FOR UPDATE
            USING (creator_id = (SELECT auth.uid())) WITH CHECK (creator_id = (SELECT auth.uid()));
        CREATE POLICY mixes_delete_own ON mixes FOR DELETE USING (creator_id = (SELECT auth.uid()));

        -- Players are public to read (the check-in looks a code up; the status is public). The API returns the
        -- management fields only to the player's manager or an admin, and never the device key's hash.
        ALTER TABLE players ENABLE ROW LEVEL SECURITY;
        CREATE POLICY players_select_all ON players FOR SELECT USING (true);
        -- A manager creates players managed by themselves; an admin may create one for anybody.
        CREATE POLICY players_insert_manager ON players FOR INSERT WITH CHECK (
            (manager_id = (SELECT auth.uid()) AND (SELECT public.has_role('manager')))
            OR (SELECT public.has_role('admin')));
        CREATE POLICY players_update_manager ON players FOR UPDATE
            USING (manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))
            WITH CHECK (manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')));
        CREATE POLICY players_delete_manager ON players FOR DELETE
            USING (manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')));

        ALTER TABLE player_library ENABLE ROW LEVEL SECURITY;
        CREATE POLICY player_library_manager ON player_library FOR ALL
            USING (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))))
            WITH CHECK (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))));

        ALTER TABLE play_history ENABLE ROW LEVEL SECURITY;
        CREATE POLICY play_history_manager ON play_history FOR ALL
            USING (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))))
            WITH CHECK (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))));
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP POLICY IF EXISTS play_history_manager ON play_history;
        ALTER TABLE play_history DISABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS player_library_manager ON player_library;
        ALTER TABLE player_library DISABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS players_delete_manager ON players;
        DROP POLICY IF EXISTS players_update_manager ON players;
        DROP POLICY IF EXISTS players_insert_manager ON players;
        DROP POLICY IF EXISTS players_select_all ON players;
        ALTER TABLE players DISABLE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS mixes_delete_own ON mixes;
        DROP POLICY IF EXISTS mixes_update_own ON mixes;
        DROP POLICY IF EXISTS mixes_insert_own ON mixes;
        DROP POLICY IF EXISTS mixes_select_public_or_own ON mixes;
        ALTER TABLE mixes DISABLE ROW LEVEL SECURITY;
        """);
}
