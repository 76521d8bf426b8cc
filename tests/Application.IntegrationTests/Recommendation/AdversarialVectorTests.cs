using System.Globalization;
using FsCheck;
using TestData = Soundscape.Application.IntegrationTests.Persistence.TestData;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.IntegrationTests.Recommendation;

/// <summary>
/// Issue 11, item 1: vectors that cannot rank. recommend_for_players and the planner, driven with zeros, denormals, the
/// float32 extremes, tiny volumes and duplicates: every query answers, every number is finite.
/// </summary>
public sealed class AdversarialVectorTests : DatabaseTest
{
    /// <summary>Axis values from the edges of float32: 0, its smallest denormal, denormals, the normal edge, 1e-30, and its largest.</summary>
    private static readonly float[] AxisValues = [0f, float.Epsilon, 1e-40f, 1.17549435e-38f, 1e-30f, 1e-19f, 1e-18f, 0.5f, 1f, 1e18f, 1e19f, 3e38f, float.MaxValue, -float.MaxValue, -0.5f];

    /// <summary>Layer volumes: silent, the smallest double, denormals, below float32's range, tiny, ordinary.</summary>
    private static readonly double[] Volumes = [0, double.Epsilon, 1e-320, 1e-46, 1e-30, 1e-4, 0.5, 1];

    private static readonly Gen<float[]> Embedding = Gen.ArrayOf(Gen.Elements(AxisValues), TasteVector.Dimensions);

    private static readonly Gen<(float[][] Sounds, (int Sound, double Volume)[][] Mixes, float[][] Tastes)> Scenario =
        from sounds in Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Embedding, n))
        from mixes in Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(
            Gen.Choose(1, 4).SelectMany(layers => Gen.ArrayOf(
                from s in Gen.Choose(0, sounds.Length * 2 - 1) // every sound twice: the second copy is a duplicate
                from v in Gen.Elements(Volumes)
                select (s, v), layers)), n))
        from tastes in Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Embedding, n))
        select (sounds, mixes, tastes);

    private Guid _creatorId;

    [SetUp]
    public async Task ArrangeAMixCreatorAsync()
    {
        var (user, profile) = TestData.Listener("creator");
        _creatorId = profile.Id;
        await Testing.WithContextAsync(async db => { db.Users.Add(user); db.Profiles.Add(profile); await db.SaveChangesAsync(); });
    }

    [Test]
    public void RecommendForPlayers_WithAdversarialSoundsMixesAndTastes_AlwaysAnswersWithFiniteScoresInRange()
    {
        // The check on sounds.embedding would refuse most of these rows; it is dropped inside the transaction (and
        // restored by its rollback) so that the ranking is shown not to rely on it.
        var cases = 0;
        Prop.ForAll(Scenario.ToArbitrary(), scenario =>
        {
            var rows = RecommendInsideARolledBackTransaction(scenario.Sounds, scenario.Mixes, scenario.Tastes);
            foreach (var row in rows)
            {
                double.IsFinite(row.Similarity).ShouldBeTrue($"similarity of {row.Item}");
                double.IsFinite(row.Score).ShouldBeTrue($"score of {row.Item}");
                row.Similarity.ShouldBeInRange(-1, 1);
            }
            // A sound with a zero (or too small) embedding is never a candidate of a taste with a direction.
            rows.Where(r => r.Taste.HasDirection && r.Sound is { } s && !Direction(scenario.Sounds[s % scenario.Sounds.Length]).HasDirection)
                .ShouldBeEmpty();
            cases++;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40));
        cases.ShouldBe(40);
    }

    [Test]
    public async Task Plan_WithSoundsAndMixesWithoutADirection_QueuesOnlyItemsWithOne_AndEveryExplanationIsFinite()
    {
        var player = Player.Create("Lobby", "lobby", "hash", null, TestData.Now);
        player.SetDefaultVector(TasteVector.Create(1, 0, 0, 0, 0));
        var good = TestData.Sound("good", TasteVector.Create(1, 0, 0, 0, 0));
        var zero = TestData.Sound("zero", TasteVector.Zero);
        var tiny = TestData.Sound("tiny", TasteVector.Create(1e-30, 0, 0, 0, 0));
        var denormal = TestData.Sound("denormal", TasteVector.Create(1e-40, 1e-40, 0, 0, 0));
        var huge = TestData.Sound("huge", TasteVector.Create(1e30, 0, 0, 0, 0));
        var large = TestData.Sound("large", TasteVector.Create(1e15, 1e15, 0, 0, 0));
        await Testing.WithContextAsync(async db =>
        {
            db.Players.Add(player);
            db.Sounds.AddRange(good, zero, tiny, denormal, huge, large);
            await db.SaveChangesAsync();
        });
        // The quietest mixes a client can save: layers at the -80 dBFS floor, alone or beside a full-volume layer whose
        // sound has no direction. Volumes under the floor (1e-30, 1e-46) are refused by the table itself now; the
        // property test below drops that check to show the ranking survives them too.
        var whisper = await InsertMixAsync(("whisper", [(good.Id, 1e-4)]));
        var underflow = await InsertMixAsync(("underflow", [(good.Id, 1e-4), (zero.Id, 1)]));
        var refusedMix = await Should.ThrowAsync<PostgresException>(() => InsertMixAsync(("below the floor", [(good.Id, 1e-46)])));
        refusedMix.ConstraintName.ShouldBe("mixes_layers_within_bounds");
        var silent = await InsertMixAsync(("silent", [(zero.Id, 1), (tiny.Id, 1)]));

        var plan = await Testing.PlanQueueAsync(player.Id);

        (await Testing.WithContextAsync(db => db.Sounds.Where(s => s.Embedding != null).Select(s => s.Title).OrderBy(t => t).ToListAsync()))
            .ShouldBe(["good", "large"], "an embedding without a direction (zero, 1e-30, denormals, 1e30) is stored as none");
        // The queue holds three: the three that point exactly along the room's taste (the large sound is at 45°).
        plan.Items.Select(i => i.SoundId ?? i.MixId).ShouldBe([good.Id, whisper, underflow], ignoreOrder: true);
        plan.Items.Single(i => i.MixId == whisper).Explanation.Similarity.ShouldBe(1, 1e-6, "a whisper-quiet layer still points where its sound does");
        plan.Items.ShouldAllBe(i => double.IsFinite(i.Explanation.Score) && double.IsFinite(i.Explanation.Similarity));
        plan.Items.ShouldNotContain(i => i.MixId == silent);
        var stored = await Testing.WithContextAsync(db => db.PlayerQueue.AsNoTracking().ToListAsync());
        stored.Count.ShouldBe(3);
        stored.ShouldAllBe(q => q.Explanation != null && double.IsFinite(q.Explanation.Score));
    }

    [TestCase("[0,0,0,0,0]")]
    [TestCase("[1e-30,0,0,0,0]")]
    [TestCase("[1e-40,1e-40,1e-40,1e-40,1e-40]")]
    [TestCase("[1e19,0,0,0,0]")]
    [TestCase("[3e38,3e38,0,0,0]")]
    public async Task SoundsTable_RefusesAnEmbeddingWithoutADirection(string vector)
    {
        var sound = TestData.Sound("raw", TasteVector.Create(0.5, 0, 0, 0, 0));
        await Testing.WithContextAsync(async db => { db.Sounds.Add(sound); await db.SaveChangesAsync(); });

        var refused = await Should.ThrowAsync<PostgresException>(() => Testing.WithContextAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE sounds SET embedding = {vector}::vector WHERE id = {sound.Id}")));

        refused.ConstraintName.ShouldBe("ck_sounds_embedding_has_direction");
        (await Testing.WithContextAsync(db => db.Sounds.SingleAsync())).Embedding!.Rain.ShouldBe(0.5);
    }

    [Test]
    public async Task Plan_WhenTheRankingReturnsANonFiniteCandidate_SkipsItAndPlansTheRestOfTheBatch()
    {
        var players = new[] { Player.Create("Lobby", "lobby", "hash", null, TestData.Now), Player.Create("Café", "cafe", "hash", null, TestData.Now) };
        foreach (var p in players)
            p.SetDefaultVector(TasteVector.Create(1, 0, 0, 0, 0));
        var rain = TestData.Sound("rain", TasteVector.Create(1, 0, 0, 0, 0));
        var wind = TestData.Sound("wind", TasteVector.Create(0, 1, 0, 0, 0));
        await Testing.WithContextAsync(async db => { db.Players.AddRange(players); db.Sounds.AddRange(rain, wind); await db.SaveChangesAsync(); });

        // A stand-in for a fault in the ranking: the real function's rows plus a NaN candidate for every player, first.
        const string signature = "uuid[], vector[], timestamptz, double precision, double precision, double precision, integer, integer, boolean";
        await OwnerSqlAsync($"""
            ALTER FUNCTION public.recommend_for_players({signature}) RENAME TO recommend_for_players_real;
            CREATE FUNCTION public.recommend_for_players(
                p_players uuid[], p_tastes vector[], p_now timestamptz, p_lambda double precision, p_tau_seconds double precision,
                p_window_seconds double precision, p_candidates integer, p_limit integer, p_exclude_queued boolean DEFAULT true)
            RETURNS TABLE (player_id uuid, rank bigint, sound_id uuid, mix_id uuid, similarity double precision, penalty double precision, score double precision)
            LANGUAGE sql AS $$
                SELECT p, 0::bigint, '{wind.Id}'::uuid, NULL::uuid, 'NaN'::float8, 0::float8, 'NaN'::float8 FROM unnest(p_players) AS p
                UNION ALL
                SELECT * FROM public.recommend_for_players_real(p_players, p_tastes, p_now, p_lambda, p_tau_seconds, p_window_seconds,
                                                                p_candidates, p_limit, p_exclude_queued)
            $$;
            """);
        try
        {
            var plans = await Testing.SendAsServiceAsync(new Application.Recommendation.PlanQueues.PlanQueuesCommand(players.Select(p => p.Id).ToList()));

            plans.Count.ShouldBe(2);
            foreach (var plan in plans)
            {
                plan.Items.Select(i => i.SoundId).ShouldBe([rain.Id, wind.Id], "the NaN row is skipped; the real ones are planned in their order");
                plan.Items.ShouldAllBe(i => double.IsFinite(i.Explanation.Score));
            }
        }
        finally
        {
            await OwnerSqlAsync($"""
                DROP FUNCTION public.recommend_for_players({signature});
                ALTER FUNCTION public.recommend_for_players_real({signature}) RENAME TO recommend_for_players;
                """);
        }
    }

    private static TasteVector Direction(float[] values) => TasteVector.FromValues(values);

    private sealed record Row(TasteVector Taste, int? Sound, string Item, double Similarity, double Score);

    private List<Row> RecommendInsideARolledBackTransaction(float[][] sounds, (int Sound, double Volume)[][] mixes, float[][] tastes)
    {
        using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        // Rows older than the table's checks (or written around them) must not break the ranking either.
        Execute(connection, "ALTER TABLE sounds DROP CONSTRAINT ck_sounds_embedding_has_direction");
        Execute(connection, "ALTER TABLE mixes DROP CONSTRAINT mixes_layers_within_bounds");
        var ids = new List<Guid>();
        for (var copy = 0; copy < 2; copy++)
        {
            for (var i = 0; i < sounds.Length; i++)
            {
                var id = Guid.NewGuid();
                ids.Add(id);
                Execute(connection, $"""
                    INSERT INTO sounds (id, title, file_path, content_hash, embedding)
                    VALUES ('{id}', 's{copy}_{i}', 'sounds/{id}.wav', '{id:N}{id:N}', '{VectorText(sounds[i])}'::vector)
                    """);
            }
        }
        foreach (var mix in mixes)
        {
            var layers = "[" + string.Join(",", mix.Select(l =>
                $$"""{"sound_id":"{{ids[l.Sound]}}","volume":{{l.Volume.ToString("R", CultureInfo.InvariantCulture)}},"loop":true,"delay_seconds":0}""")) + "]";
            Execute(connection, $"INSERT INTO mixes (id, name, creator_id, layers, is_public) VALUES ('{Guid.NewGuid()}', 'm', '{_creatorId}', '{layers}'::jsonb, true)");
        }
        var players = tastes.Select(_ => Guid.NewGuid()).ToArray();
        using var command = new NpgsqlCommand("""
            SELECT player_id, sound_id, mix_id, similarity, score
            FROM public.recommend_for_players(@players, @tastes::vector[], now(), 0.5, 1800, 10800, 40, 40)
            """, connection, transaction);
        command.Parameters.AddWithValue("players", players);
        command.Parameters.AddWithValue("tastes", tastes.Select(VectorText).ToArray());
        var rows = new List<Row>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var taste = Direction(tastes[Array.IndexOf(players, reader.GetGuid(0))]);
                int? sound = reader.IsDBNull(1) ? null : ids.IndexOf(reader.GetGuid(1));
                rows.Add(new Row(taste, sound, reader.IsDBNull(1) ? $"mix {reader.GetGuid(2)}" : $"sound {sound}", reader.GetDouble(3), reader.GetDouble(4)));
            }
        }
        transaction.Rollback();
        return rows;

        void Execute(NpgsqlConnection c, string sql)
        {
            using var cmd = new NpgsqlCommand(sql, c, transaction);
            cmd.ExecuteNonQuery();
        }
    }

    private static string VectorText(float[] values) => "[" + string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private async Task<Guid> InsertMixAsync((string Name, (Guid Sound, double Volume)[] Layers) mix)
    {
        var id = Guid.NewGuid();
        var layers = "[" + string.Join(",", mix.Layers.Select(l =>
            $$"""{"sound_id":"{{l.Sound}}","volume":{{l.Volume.ToString("R", CultureInfo.InvariantCulture)}},"loop":true,"delay_seconds":0}""")) + "]";
        await OwnerSqlAsync($"INSERT INTO mixes (id, name, creator_id, layers, is_public, duration) VALUES ('{id}', '{mix.Name}', '{_creatorId}', '{layers}'::jsonb, true, 60)");
        return id;
    }

    private static async Task OwnerSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
