using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Pgvector;
using Pgvector.EntityFrameworkCore;
using Soundscape.Domain.Vectors;
using Soundscape.Infrastructure.Persistence;

namespace Soundscape.Application.IntegrationTests.Persistence;

public sealed class VectorMappingTests : DatabaseTest
{
    [Test]
    public async Task Embedding_WhenSavedAndReadBack_RoundTripsEveryAxis()
    {
        var embedding = TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8);
        var sound = TestData.Sound("rain", embedding);
        await Testing.WithContextAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });

        var stored = await Testing.WithContextAsync(db => db.Sounds.SingleAsync(s => s.Id == sound.Id));

        // pgvector stores float4: the round trip is exact at single precision.
        stored.Embedding.ShouldNotBeNull();
        stored.Embedding.ToSingleArray().ShouldBe(embedding.ToSingleArray());
    }

    [Test]
    public async Task Embedding_WhenNull_IsStoredAsSqlNull()
    {
        var sound = TestData.Sound("silence", null);
        await Testing.WithContextAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });

        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT embedding IS NULL FROM sounds WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", sound.Id);
        (await command.ExecuteScalarAsync()).ShouldBe(true);
    }

    [Test]
    public async Task Vector_WrittenByNpgsqlParameter_IsReadByPostgresAsTheSameText()
    {
        await using var dataSource = NpgsqlDataSources.Create(Testing.Database.AppConnectionString);
        await using var command = dataSource.CreateCommand("SELECT @v::text, vector_dims(@v)");
        command.Parameters.AddWithValue("v", new Vector(TasteVector.Create(1, 0.5, 0, 0.25, -1).ToSingleArray()));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        reader.GetString(0).ShouldBe("[1,0.5,0,0.25,-1]");
        reader.GetInt32(1).ShouldBe(5);
    }

    [Test]
    public async Task Vector_ReadFromASqlLiteral_BecomesAPgvectorVectorOfTheSameValues()
    {
        await using var dataSource = NpgsqlDataSources.Create(Testing.Database.AppConnectionString);
        await using var command = dataSource.CreateCommand("SELECT '[0.1,0.2,0.3,0.4,0.5]'::vector");

        var value = await command.ExecuteScalarAsync();

        value.ShouldBeOfType<Vector>().ToArray().ShouldBe(new[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f });
    }

    [Test]
    public async Task TasteVector_AsALinqArgument_IsSentAsAVectorParameter()
    {
        var taste = TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8);
        var sound = TestData.Sound("rain", taste);
        await Testing.WithContextAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });

        // Equality on the converted column: the parameter must arrive as the same vector(5) value.
        var found = await Testing.WithContextAsync(db => db.Sounds.Where(s => s.Embedding == taste).Select(s => s.Id).ToListAsync());

        found.ShouldBe([sound.Id]);
    }

    [Test]
    public async Task Model_DeclaresTheMigrationsHnswIndex_OnTheEmbedding()
    {
        var index = await Testing.WithContextAsync(db => Task.FromResult(db.GetService<IDesignTimeModel>().Model
            .FindEntityType(typeof(Soundscape.Domain.Library.Sound))!.GetIndexes()
            .Single(i => i.Properties.Single().Name == nameof(Soundscape.Domain.Library.Sound.Embedding))));
        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE indexname = @name", connection);
        command.Parameters.AddWithValue("name", index.GetDatabaseName()!);

        var definition = (string?)await command.ExecuteScalarAsync();

        index.GetDatabaseName().ShouldBe("ix_sounds_embedding_hnsw");
        definition.ShouldNotBeNull();
        definition.ShouldContain($"USING {index.GetMethod()} (embedding {index.GetOperators()!.Single()})");
        index.GetMethod().ShouldBe("hnsw");
    }

    [Test]
    public async Task Profile_WhenInsertedWithoutVectors_GetsTheZeroDefaults()
    {
        var (user, profile) = TestData.Listener("ada");
        await Testing.WithContextAsync(async db => { db.Users.Add(user); await db.SaveChangesAsync(); });
        await using (var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO profiles (id, display_name) VALUES (@id, 'ada')", connection);
            insert.Parameters.AddWithValue("id", user.Id);
            await insert.ExecuteNonQueryAsync();
        }

        var stored = await Testing.WithContextAsync(db => db.Profiles.SingleAsync(p => p.Id == profile.Id));

        stored.PreferenceVector.ShouldBe(TasteVector.Zero);
        stored.PreferenceVelocity.ShouldBe(TasteVector.Zero);
    }

    [Test]
    public async Task OrderByCosineDistance_ReturnsSoundsNearestFirst()
    {
        var target = TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8);
        var sounds = new[]
        {
            TestData.Sound("thunder", TasteVector.Create(0.1, 0.1, 0.2, 0.9, 0.1)),
            TestData.Sound("shore", TasteVector.Create(0.8, 0.2, 0.1, 0.3, 0.7)),
            TestData.Sound("hearth", TasteVector.Create(0, 0.1, 1, 0.1, 0)),
            TestData.Sound("same", TasteVector.Create(0.9, 0.1, 0.4, 0.2, 0.8)),
            TestData.Sound("gale", TasteVector.Create(0, 1, 0, 0.2, 0.1)),
        };
        await Testing.WithContextAsync(async db => { db.Sounds.AddRange(sounds); await db.SaveChangesAsync(); });

        var ranked = await Testing.WithContextAsync(db => db.Sounds
            .Where(s => s.Embedding != null)
            .OrderBy(s => s.Embedding!.CosineDistance(target))
            .Select(s => new { s.Title, Distance = s.Embedding!.CosineDistance(target) })
            .ToListAsync());

        var expected = sounds.OrderByDescending(s => Cosine(s.Embedding!, target)).Select(s => s.Title).ToList();
        ranked.Select(r => r.Title).ShouldBe(expected);
        ranked[0].Title.ShouldBe("same");
        ranked[0].Distance.ShouldBe(0, 1e-6);
        // DESIGN §4.2's note: cos([0.9,0.1,0.4,0.2,0.8], [0.8,0.2,0.1,0.3,0.7]) = 0.964211.
        ranked.Single(r => r.Title == "shore").Distance.ShouldBe(1 - 0.964211, 1e-6);
    }

    [Test]
    public async Task CosineDistance_TranslatesToThePgvectorOperator()
    {
        var target = TasteVector.Create(1, 0, 0, 0, 0);

        var sql = await Testing.WithContextAsync(db => Task.FromResult(db.Sounds
            .OrderBy(s => s.Embedding!.CosineDistance(target))
            .ToQueryString()));

        sql.ShouldContain("<=>");
    }

    [Test]
    public void CosineDistance_WhenCalledOutsideAQuery_Throws()
    {
        Should.Throw<InvalidOperationException>(() => TasteVector.Zero.CosineDistance(TasteVector.Zero));
    }

    private static double Cosine(TasteVector a, TasteVector b)
    {
        double dot = 0, na = 0, nb = 0;
        var (x, y) = (a.ToArray(), b.ToArray());
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            na += x[i] * x[i];
            nb += y[i] * y[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
