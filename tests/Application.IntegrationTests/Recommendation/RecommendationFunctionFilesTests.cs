using Npgsql;
using Soundscape.Infrastructure.Recommendation;

namespace Soundscape.Application.IntegrationTests.Recommendation;

/// <summary>The engine's SQL functions in the migrated database are the ones their files define, so the file is the live body.</summary>
public sealed class RecommendationFunctionFilesTests
{
    [TestCaseSource(typeof(RecommendationFunctions), nameof(RecommendationFunctions.Names))]
    public async Task FunctionInTheDatabase_HasTheBodyOfItsFile(string name)
    {
        // Reads the catalogue only, so it needs no reset.
        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT prosrc FROM pg_proc WHERE proname = @name AND pronamespace = 'public'::regnamespace", connection);
        command.Parameters.AddWithValue("name", name);
        var body = (string?)await command.ExecuteScalarAsync();

        body.ShouldNotBeNull();
        // prosrc is the text between the $fn$ quotes, as the file wrote it.
        RecommendationFunctions.Definition(name).ShouldContain($"$fn${body}$fn$");
    }
}
