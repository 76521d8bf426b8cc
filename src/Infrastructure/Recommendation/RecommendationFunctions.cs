namespace Soundscape.Infrastructure.Recommendation;

/// <summary>
/// The live definitions of the engine's SQL functions, one embedded file each (Recommendation/Sql/Functions), written as
/// <c>CREATE OR REPLACE FUNCTION</c>. A migration that changes a function edits its file and calls <see cref="Apply"/>;
/// nobody has to find the newest body among the migrations. Because an older migration that applied the files applies
/// their newest text on a fresh database, a change must keep working on the schema as it was there (plpgsql bodies
/// are resolved at call time, so in practice: keep the signature, or drop and create it in the new migration).
/// </summary>
public static class RecommendationFunctions
{
    /// <summary>The function files in the order they must be created (recommend_with_penalty calls recommend_for_players).</summary>
    public static IReadOnlyList<string> Names { get; } = ["recommend_for_players", "recommend_with_penalty"];

    /// <summary>The text of Sql/Functions/<paramref name="name"/>.sql.</summary>
    /// <exception cref="InvalidOperationException">No such file is embedded.</exception>
    public static string Definition(string name) => EmbeddedSql.Text("Functions." + name);

    /// <summary>Every definition, in <see cref="Names"/> order, as one script for <c>migrationBuilder.Sql</c>.</summary>
    public static string Apply() => string.Join("\n\n", Names.Select(Definition)) + "\n";
}
