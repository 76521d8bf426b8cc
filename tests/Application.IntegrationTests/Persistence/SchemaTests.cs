using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.IntegrationTests.Persistence;

/// <summary>
/// The hand-written migration and the EF Core model must describe the same schema; with no
/// model snapshot, these tests are what catches a drift between them.
/// </summary>
public sealed class SchemaTests : DatabaseTest
{
    private static readonly string[] DesignTables =
    [
        "auth.refresh_tokens", "auth.users", "public.device_events", "public.profiles", "public.roles", "public.sounds", "public.votes", "public.sessions",
        "public.mixes", "public.players", "public.player_library", "public.player_queue", "public.play_history", "public.room_taste_history",
        "public.device_pairings",
    ];

    [Test]
    public async Task Database_HasEveryTableOfTheDesign()
    {
        await using var connection = await OpenOwnerAsync();
        var tables = await Soundscape.TestSupport.ApplicationTables.ListAsync(connection);
        tables.ShouldBe(DesignTables.Order().ToList(), ignoreOrder: true);
    }

    [Test]
    public async Task EveryMappedProperty_HasAColumnOfTheSameNullability()
    {
        var columns = new Dictionary<(string Table, string Column), (bool Nullable, string Type)>();
        await using (var connection = await OpenOwnerAsync())
        {
            await using var command = new NpgsqlCommand("""
                SELECT table_schema || '.' || table_name, column_name, is_nullable = 'YES', udt_name
                FROM information_schema.columns WHERE table_schema IN ('public', 'auth')
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                columns[(reader.GetString(0), reader.GetString(1))] = (reader.GetBoolean(2), reader.GetString(3));
        }

        var model = await Testing.WithContextAsync(db => Task.FromResult(db.GetService<IDesignTimeModel>().Model));
        var checkedColumns = 0;
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var table = $"{entity.GetSchema() ?? "public"}.{entity.GetTableName()}";
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                columns.ShouldContainKey((table, column), $"{entity.ClrType.Name}.{property.Name} → {table}.{column}");
                var actual = columns[(table, column)];
                actual.Nullable.ShouldBe(property.IsNullable, $"nullability of {table}.{column}");
                if (property.ClrType == typeof(TasteVector))
                    actual.Type.ShouldBe("vector");
                checkedColumns++;
            }
            foreach (var navigation in entity.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()))
            {
                var jsonColumn = navigation.TargetEntityType.GetContainerColumnName()!;
                columns[(table, jsonColumn)].Type.ShouldBe("jsonb");
            }
        }
        checkedColumns.ShouldBeGreaterThan(60);
    }

    [Test]
    public async Task VectorColumns_AreFiveDimensional()
    {
        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND format_type(a.atttypid, a.atttypmod) LIKE 'vector%'
            ORDER BY 1
            """, connection);
        var found = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            found[reader.GetString(0)] = reader.GetString(1);

        found.ShouldBe(new Dictionary<string, string>
        {
            ["players.collective_vector"] = "vector(5)",
            ["players.default_vector"] = "vector(5)",
            ["profiles.preference_vector"] = "vector(5)",
            ["profiles.preference_velocity"] = "vector(5)",
            ["room_taste_history.taste"] = "vector(5)",
            ["sounds.calculated_embedding"] = "vector(5)",
            ["sounds.embedding"] = "vector(5)",
            ["votes.taste_after"] = "vector(5)",
        });
    }

    [Test]
    public async Task SoundsEmbedding_HasAnHnswCosineIndex()
    {
        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'sounds' AND indexdef LIKE '%USING hnsw%'", connection);
        var definition = (string?)await command.ExecuteScalarAsync();
        definition.ShouldNotBeNull();
        definition.ShouldContain("vector_cosine_ops");
    }

    [TestCase("ix_sessions_active_by_player")]
    [TestCase("ix_play_history_player_started")]
    [TestCase("ix_player_queue_player_position")]
    [TestCase("ix_votes_user_created")]
    [TestCase("ux_sessions_one_open_per_user")]
    public async Task HotPath_HasItsIndex(string index)
    {
        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_indexes WHERE indexname = @name", connection);
        command.Parameters.AddWithValue("name", index);
        (await command.ExecuteScalarAsync()).ShouldBe(1L);
    }

    [Test]
    public async Task Session_ExpiresAt_IsGeneratedAnHourAfterLastActivity()
    {
        var (user, profile) = TestData.Listener("grace");
        var player = Player.Create("Lobby", "lobby-1", "hash", null, TestData.Now);
        var session = ListeningSession.CheckIn(profile.Id, player.Id, TestData.Now);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(user, profile, player, session);
            await db.SaveChangesAsync();
            // EF reads the generated value back after the insert.
            session.ExpiresAt.ShouldBe(TestData.Now.AddHours(1));
        });

        await Testing.WithContextAsync(async db =>
        {
            var stored = await db.Sessions.SingleAsync();
            stored.Touch(TestData.Now.AddMinutes(30));
            await db.SaveChangesAsync();
        });

        var expires = await Testing.WithContextAsync(db => db.Sessions.Select(s => s.ExpiresAt).SingleAsync());
        expires.ShouldBe(TestData.Now.AddMinutes(90));
    }

    [Test]
    public async Task Session_SecondOpenSessionForOneUser_IsRefusedByTheDatabase()
    {
        var (user, profile) = TestData.Listener("linus");
        var player = Player.Create("Cafe", "cafe-1", "hash", null, TestData.Now);
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile, player); await db.SaveChangesAsync(); });
        await Testing.WithContextAsync(async db =>
        {
            db.Add(ListeningSession.CheckIn(profile.Id, player.Id, TestData.Now));
            await db.SaveChangesAsync();
        });

        // The context turns the partial unique index's refusal into a conflict the API answers with 409.
        var ex = await Should.ThrowAsync<Soundscape.Application.Common.Exceptions.ConflictException>(() => Testing.WithContextAsync(async db =>
        {
            db.Add(ListeningSession.CheckIn(profile.Id, player.Id, TestData.Now));
            await db.SaveChangesAsync();
        }));
        ex.Message.ShouldContain("already checked in");
    }

    [TestCase("INSERT INTO votes (id, user_id, sound_id, kind, value) VALUES (gen_random_uuid(), @user, @sound, 'rating', 6)")]
    [TestCase("INSERT INTO votes (id, user_id, sound_id, kind, value) VALUES (gen_random_uuid(), @user, @sound, 'reaction', 0)")]
    [TestCase("INSERT INTO votes (id, user_id, sound_id, kind, value) VALUES (gen_random_uuid(), @user, @sound, 'stars', 3)")]
    [TestCase("INSERT INTO player_queue (id, player_id, position) VALUES (gen_random_uuid(), @player, 0)")]
    [TestCase("INSERT INTO player_queue (id, player_id, sound_id, position) VALUES (gen_random_uuid(), @player, @sound, -1)")]
    [TestCase("INSERT INTO mixes (id, name, creator_id, layers) VALUES (gen_random_uuid(), 'm', @user, '[]')")]
    [TestCase("UPDATE players SET status = 'exploded'")]
    [TestCase("UPDATE sounds SET content_hash = 'not-a-hash'")]
    public async Task CheckConstraint_RefusesAnInvalidRow(string sql)
    {
        var (user, profile) = TestData.Listener("edsger");
        var sound = TestData.Sound("rain", TasteVector.Create(1, 0, 0, 0, 0));
        var player = Player.Create("Office", "office-1", "hash", null, TestData.Now);
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile, sound, player); await db.SaveChangesAsync(); });

        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("user", profile.Id);
        command.Parameters.AddWithValue("sound", sound.Id);
        command.Parameters.AddWithValue("player", player.Id);
        var ex = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        ex.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
    }

    [Test]
    public async Task DeletingAUser_CascadesToProfileVotesAndSessions()
    {
        var (user, profile) = TestData.Listener("barbara");
        var sound = TestData.Sound("waves", TasteVector.Create(0, 0, 0, 0, 1));
        var player = Player.Create("Hall", "hall-1", "hash", null, TestData.Now);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(user, profile, sound, player,
                Vote.Rating(profile.Id, sound.Id, player.Id, 5, TestData.Now),
                ListeningSession.CheckIn(profile.Id, player.Id, TestData.Now));
            await db.SaveChangesAsync();
        });

        await Testing.WithContextAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync());

        var remaining = await Testing.WithContextAsync(async db =>
            (await db.Profiles.CountAsync()) + (await db.Votes.CountAsync()) + (await db.Sessions.CountAsync()));
        remaining.ShouldBe(0);
    }

    [Test]
    public async Task MixLayers_RoundTripAsJsonWithSnakeCaseNames()
    {
        var (user, profile) = TestData.Listener("mixer");
        var rain = TestData.Sound("rain", TasteVector.Create(1, 0, 0, 0, 0));
        var mix = Mix.Create(profile.Id, "Storm", [new MixLayer(rain.Id, 0.8, true, 0), new MixLayer(rain.Id, 0.25, false, 4.5)], true, 120, TestData.Now);
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile, rain, mix); await db.SaveChangesAsync(); });

        var stored = await Testing.WithContextAsync(db => db.Mixes.SingleAsync());
        stored.Layers.ShouldBe(mix.Layers);

        await using var connection = await OpenOwnerAsync();
        await using var command = new NpgsqlCommand("SELECT layers -> 1 ->> 'delay_seconds' FROM mixes", connection);
        (await command.ExecuteScalarAsync()).ShouldBe("4.5");
    }

    [Test]
    public async Task QueueExplanation_RoundTripsAsJson()
    {
        var rain = TestData.Sound("rain", TasteVector.Create(1, 0, 0, 0, 0));
        var player = Player.Create("Lobby", "lobby-2", "hash", null, TestData.Now);
        var explanation = new QueueExplanation(0.91, 0.25, 0.66, 3, CollectiveFallback.Room);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(rain, player, QueueItem.Enqueue(player.Id, PlayableRef.ForSound(rain.Id), 0, explanation, TestData.Now));
            await db.SaveChangesAsync();
        });

        var stored = await Testing.WithContextAsync(db => db.PlayerQueue.SingleAsync());
        stored.Explanation.ShouldBe(explanation);
    }

    private static async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
