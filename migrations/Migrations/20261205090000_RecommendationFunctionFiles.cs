using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Soundscape.Infrastructure.Persistence;
using Soundscape.Infrastructure.Recommendation;

namespace Soundscape.Migrations.Migrations;

/// <summary>
/// The engine's SQL functions from their files (issue 16, item 1): recommend_for_players and recommend_with_penalty
/// are applied with CREATE OR REPLACE from Infrastructure/Recommendation/Sql/Functions, which now hold their live
/// definitions. The bodies are the ones 20261203100000_VectorsThatRank and 20261124090000_RecommendForPlayers wrote,
/// so on an existing database nothing changes. Down leaves them: the previous definitions are the same text.
/// </summary>
[DbContext(typeof(SoundscapeDbContext))]
[Migration("20261205090000_RecommendationFunctionFiles")]
public sealed class RecommendationFunctionFiles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(RecommendationFunctions.Apply());

    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
