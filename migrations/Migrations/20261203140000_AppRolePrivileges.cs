using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The database as the second line of defence (docs/security.md): the API's role (soundscape_app) reads neither
/// password hashes nor device key hashes (column privileges), and writes no queue, play history, device event or
/// migration history row (table privileges; the engine and the device endpoints write them as soundscape_service).
/// scripts/db.sh's default privileges grant every new table broadly to both roles, so this narrows explicitly. Run
/// only where the roles exist: an external database (Supabase) has roles of its own.
/// A later migration that adds a column to auth.users or players must grant SELECT on it to soundscape_app.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261203140000_AppRolePrivileges")]
public sealed class AppRolePrivileges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(UpSql);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DownSql);

    private static readonly string UpSql = $$"""
        DROP POLICY play_history_manager ON play_history;
        -- Managers (and admins) read their players' history; only the service role writes it (device reports).
        CREATE POLICY play_history_select_manager ON play_history FOR SELECT
            USING (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))));

        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app')
               OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
                RAISE NOTICE 'soundscape_app or soundscape_service is missing: privileges left as they are';
                RETURN;
            END IF;

            -- auth.users: every column but the password hash; inserts (sign-up); no updates or deletes (sign-in's
            -- password check and lockout run as the service role).
            REVOKE ALL ON auth.users FROM soundscape_app;
            {{GrantUsersColumnsSql}}
            GRANT INSERT ON auth.users TO soundscape_app;

            -- players: every column but the device key's hash. Writes stay (row-level security lets only the manager or
            -- an admin write), including a new hash when a manager rotates the key.
            REVOKE SELECT ON players FROM soundscape_app;
            {{GrantPlayersColumnsSql}}
            GRANT INSERT, UPDATE, DELETE ON players TO soundscape_app;

            -- Read-only for the API's role; written by the engine (queue) and device reports (history, events).
            REVOKE ALL ON player_queue, play_history, device_events, "__EFMigrationsHistory" FROM soundscape_app;
            GRANT SELECT ON player_queue, play_history TO soundscape_app;
            -- The health check compares the applied migrations with the build's.
            GRANT SELECT ON "__EFMigrationsHistory" TO soundscape_app;

            -- The service role keeps what its work needs, whatever the defaults were; migrations are the owner's alone.
            GRANT SELECT, INSERT, UPDATE, DELETE ON auth.users, players, player_queue, play_history, device_events TO soundscape_service;
            REVOKE ALL ON "__EFMigrationsHistory" FROM soundscape_service;
            GRANT SELECT ON "__EFMigrationsHistory" TO soundscape_service;
        END
        $$;
        """;

    /// <summary>
    /// Grants soundscape_app SELECT on every column of auth.users but the password hash, as they are when it runs: a
    /// migration that adds a column to auth.users runs it again (inside a block that checks the role exists).
    /// </summary>
    public const string GrantUsersColumnsSql = """
        EXECUTE (SELECT format('GRANT SELECT (%s) ON auth.users TO soundscape_app', string_agg(quote_ident(attname), ', ' ORDER BY attnum))
                 FROM pg_attribute WHERE attrelid = 'auth.users'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'password_hash');
        """;

    /// <summary>The same for players, leaving out the device key's hash.</summary>
    public const string GrantPlayersColumnsSql = """
        EXECUTE (SELECT format('GRANT SELECT (%s) ON players TO soundscape_app', string_agg(quote_ident(attname), ', ' ORDER BY attnum))
                 FROM pg_attribute WHERE attrelid = 'players'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'device_key_hash');
        """;

    // Back to what scripts/db.sh's default privileges gave, and the manager's write policy on play_history.
    private const string DownSql = """
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app')
               OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
                RETURN;
            END IF;
            EXECUTE (SELECT format('REVOKE SELECT (%s) ON auth.users FROM soundscape_app', string_agg(quote_ident(attname), ', '))
                     FROM pg_attribute WHERE attrelid = 'auth.users'::regclass AND attnum > 0 AND NOT attisdropped);
            EXECUTE (SELECT format('REVOKE SELECT (%s) ON players FROM soundscape_app', string_agg(quote_ident(attname), ', '))
                     FROM pg_attribute WHERE attrelid = 'players'::regclass AND attnum > 0 AND NOT attisdropped);
            GRANT SELECT, INSERT, UPDATE, DELETE
                ON auth.users, players, player_queue, play_history, device_events, "__EFMigrationsHistory" TO soundscape_app, soundscape_service;
        END
        $$;

        DROP POLICY play_history_select_manager ON play_history;
        CREATE POLICY play_history_manager ON play_history FOR ALL
            USING (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))))
            WITH CHECK (EXISTS (SELECT 1 FROM players p WHERE p.id = player_id
                           AND (p.manager_id = (SELECT auth.uid()) OR (SELECT public.has_role('admin')))));
        """;
}
