using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.IntegrationTests.Recommendation;

/// <summary>The personal recommendation query is one the HNSW index serves, checked on PostgreSQL's own plan.</summary>
public sealed class PersonalRecommendationPlanTests : DatabaseTest
{
    [Test]
    public async Task NearestQuery_OnAThousandsOfSoundsLibrary_IsPlannedAsAnHnswIndexScan()
    {
        // The project's data source sends the converted parameter (a Pgvector Vector) as vector.
        await using var dataSource = Infrastructure.Persistence.NpgsqlDataSources.Create(Testing.Database.OwnerConnectionString);
        await using var owner = await dataSource.OpenConnectionAsync();
        // Enough rows, with fresh statistics, that the planner prefers the index on its own costs.
        await using (var fill = new NpgsqlCommand("""
            INSERT INTO sounds (id, title, file_path, embedding, content_hash)
            SELECT gen_random_uuid(), 'sound ' || i, 'sounds/' || i || '.wav',
                   ('[' || random() || ',' || random() || ',' || random() || ',' || random() || ',' || random() || ']')::vector,
                   encode(sha256(i::text::bytea), 'hex')
            FROM generate_series(1, 5000) AS i;
            ANALYZE sounds;
            """, owner))
            await fill.ExecuteNonQueryAsync();

        var taste = TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7).Normalize();
        var command = await Testing.WithContextAsync(db => Task.FromResult(
            NearestSounds.To(db.Sounds, taste, 10).CreateDbCommand()));
        await using var explain = new NpgsqlCommand("EXPLAIN " + command.CommandText, owner);
        foreach (var parameter in command.Parameters.Cast<NpgsqlParameter>())
            explain.Parameters.Add(new NpgsqlParameter(parameter.ParameterName, parameter.Value));

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                plan.Add(reader.GetString(0));

        string.Join('\n', plan).ShouldContain("Index Scan using ix_sounds_embedding_hnsw", customMessage: string.Join('\n', plan));
    }
}
