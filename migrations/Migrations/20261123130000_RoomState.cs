using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The room as the engine last saw it, kept on the player: the public "now" view shows the collective taste without
/// reading anybody's sessions or profile (which row-level security keeps private).
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261123130000_RoomState")]
public sealed class RoomState : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE players
            ADD COLUMN collective_vector vector(5),
            ADD COLUMN collective_fallback text CHECK (collective_fallback IN ('room', 'all_active_listeners', 'player_default', 'explore')),
            ADD COLUMN planned_at timestamptz;
        """);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        ALTER TABLE players DROP COLUMN IF EXISTS collective_vector, DROP COLUMN IF EXISTS collective_fallback, DROP COLUMN IF EXISTS planned_at;
        """);
}
