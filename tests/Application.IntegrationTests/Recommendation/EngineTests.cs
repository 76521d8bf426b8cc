using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Application.Recommendation.ClaimPlanningRound;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;
using Soundscape.Infrastructure.Recommendation;
using Soundscape.Specifications;

namespace Soundscape.Application.IntegrationTests.Recommendation;

/// <summary>The collective engine against PostgreSQL: recommend_with_penalty's numbers, the planner, and round claims.</summary>
public sealed class EngineTests : DatabaseTest
{
    private static readonly PenaltySettings Penalty = PenaltySettings.Default;

    private Player _player = null!;
    private Dictionary<string, Sound> _sounds = null!;

    [SetUp]
    public async Task ArrangeAPlayerAndFiveSoundsAsync()
    {
        _player = Player.Create("Lobby", "lobby", "hash", null, TestData.Now);
        _sounds = new Dictionary<string, Sound>
        {
            ["rain"] = TestData.Sound("rain", V(0.9, 0.1, 0, 0.1, 0.3)),
            ["waves"] = TestData.Sound("waves", V(0.1, 0.1, 0, 0, 0.9)),
            ["fire"] = TestData.Sound("fire", V(0, 0.1, 0.9, 0, 0.1)),
            ["thunder"] = TestData.Sound("thunder", V(0.1, 0, 0, 0.9, 0.1)),
            ["harbour"] = TestData.Sound("harbour", V(0.6, 0, 0, 0.1, 0.6)),
        };
        await Testing.WithContextAsync(async db =>
        {
            db.Players.Add(_player);
            db.Sounds.AddRange(_sounds.Values);
            await db.SaveChangesAsync();
        });
    }

    [Test]
    public async Task Plan_ForThreeListenersAndAPlayHistory_QueuesTheBestThreeByCosineMinusPenalty()
    {
        var now = Testing.Clock.GetUtcNow();
        var tastes = new[] { V(1, 0, 0, 0, 0.2), V(0.8, 0.1, 0, 0, 0.5), V(0, 0, 0, 0, 1) };
        await CheckInAsync(tastes);
        await PlayedAsync(("harbour", now.AddMinutes(-5)), ("rain", now.AddMinutes(-50)), ("rain", now.AddHours(-2)), ("thunder", now.AddHours(-4)));

        var plan = await Testing.PlanQueueAsync(_player.Id);

        // The same numbers computed here in C#, from the stored (float4) vectors: DESIGN §4.3 and §4.4.
        var collective = CollectiveVectorCalculator.Compute(tastes.Select(Stored).ToList(), [], null);
        var history = new Dictionary<string, DateTimeOffset[]>
        {
            ["harbour"] = [now.AddMinutes(-5)], ["rain"] = [now.AddMinutes(-50), now.AddHours(-2)], ["thunder"] = [now.AddHours(-4)],
        };
        var expected = _sounds
            .Select(s => (Title: s.Key, Scored: RecommendationScoring.Score(collective.Vector.CosineSimilarity(Stored(s.Value.Embedding!)),
                history.GetValueOrDefault(s.Key, []), now, Penalty)))
            .OrderByDescending(s => s.Scored.Score).Take(3).ToList();

        plan.Collective.Fallback.ShouldBe(CollectiveFallback.Room);
        plan.Collective.ListenerCount.ShouldBe(3);
        plan.Items.Select(i => TitleOf(i.SoundId)).ShouldBe(expected.Select(e => e.Title));
        for (var i = 0; i < 3; i++)
        {
            plan.Items[i].Explanation.Similarity.ShouldBe(expected[i].Scored.Similarity, 1e-5);
            plan.Items[i].Explanation.Penalty.ShouldBe(expected[i].Scored.Penalty, 1e-4);
            plan.Items[i].Explanation.Score.ShouldBe(expected[i].Scored.Score, 1e-4);
        }
        // The penalty matters here: ranked by similarity alone, the harbour played five minutes ago would come first.
        var bySimilarity = _sounds.OrderByDescending(s => collective.Vector.CosineSimilarity(Stored(s.Value.Embedding!))).Select(s => s.Key).ToList();
        bySimilarity[0].ShouldBe("harbour");
        plan.Items[0].SoundId.ShouldNotBe(_sounds["harbour"].Id);
        // The worked example of docs/engine.md, as numbers.
        // (Tolerance for the milliseconds between arranging the plays and planning, which the penalty sees.)
        plan.Items.Select(i => i.Explanation.Score).ToArray().ShouldBe([0.79686, 0.76216, 0.56871], tolerance: 5e-4);
        var stored = await Testing.WithContextAsync(db => db.PlayerQueue.OrderBy(q => q.Position).ToListAsync());
        stored.Select(q => q.Explanation!.Listeners).ShouldAllBe(n => n == 3);
        stored.Select(q => q.SoundId).ShouldBe(plan.Items.Select(i => i.SoundId));
    }

    [Test]
    public async Task Penalty_DecaysAsTimePasses_AndEndsAtTheWindow()
    {
        var playedAt = Testing.Clock.GetUtcNow();
        await PlayedAsync(("rain", playedAt));
        var taste = V(1, 0, 0, 0, 0).Normalize();

        async Task<double> PenaltyOfRainAt(TimeSpan later) =>
            (await Testing.WithContextAsync(db => new RecommendationEngine(db).RecommendWithPenaltyAsync(_player.Id, taste, playedAt + later, Penalty, 40, 5, true, CancellationToken.None)))
            .Single(r => r.SoundId == _sounds["rain"].Id).Penalty;

        // λ · exp(−age / τ) with λ = 0.5 and τ = 30 min.
        (await PenaltyOfRainAt(TimeSpan.Zero)).ShouldBe(0.5, 1e-6);
        (await PenaltyOfRainAt(TimeSpan.FromMinutes(30))).ShouldBe(0.5 * Math.Exp(-1), 1e-6);
        (await PenaltyOfRainAt(TimeSpan.FromMinutes(90))).ShouldBe(0.5 * Math.Exp(-3), 1e-6);
        (await PenaltyOfRainAt(TimeSpan.FromHours(3) + TimeSpan.FromSeconds(1))).ShouldBe(0);
    }

    [Test]
    public async Task Plan_ForAPlayerWithALibrary_QueuesOnlyItsSounds()
    {
        await CheckInAsync([V(0, 0, 1, 0, 0)]);
        await Testing.WithContextAsync(async db =>
        {
            db.PlayerLibrary.AddRange(PlayerLibraryEntry.Allow(_player.Id, _sounds["waves"].Id, TestData.Now),
                PlayerLibraryEntry.Allow(_player.Id, _sounds["thunder"].Id, TestData.Now));
            await db.SaveChangesAsync();
        });

        var plan = await Testing.PlanQueueAsync(_player.Id);

        plan.Items.Select(i => TitleOf(i.SoundId)).Order().ToList().ShouldBe(["thunder", "waves"], "fire matches best but is not in this player's library");
    }

    [Test]
    public async Task Plan_WhenTheRoomHasNoSignal_FallsBackToEveryActiveListener()
    {
        await CheckInAsync([TasteVector.Zero]);
        var elsewhere = Player.Create("Café", "cafe", "hash", null, TestData.Now);
        await Testing.WithContextAsync(async db => { db.Players.Add(elsewhere); await db.SaveChangesAsync(); });
        await CheckInAsync([V(0, 0, 1, 0, 0)], elsewhere.Id);

        var plan = await Testing.PlanQueueAsync(_player.Id);

        plan.Collective.Fallback.ShouldBe(CollectiveFallback.AllActiveListeners);
        TitleOf(plan.Items[0].SoundId).ShouldBe("fire");
    }

    [Test]
    public async Task Plan_WithNobodyActive_UsesThePlayersDefaultVector()
    {
        await Testing.WithContextAsync(async db =>
        {
            (await db.Players.SingleAsync(p => p.Id == _player.Id)).SetDefaultVector(V(0, 0, 0, 1, 0));
            await db.SaveChangesAsync();
        });

        var plan = await Testing.PlanQueueAsync(_player.Id);

        plan.Collective.Fallback.ShouldBe(CollectiveFallback.PlayerDefault);
        TitleOf(plan.Items[0].SoundId).ShouldBe("thunder");
    }

    [Test]
    public async Task Plan_WithNoSignalAtAll_ExploresTheLeastRecentlyPlayedFirst()
    {
        var now = Testing.Clock.GetUtcNow();
        // Everything but fire and thunder was played; waves longest ago (outside the window, so without penalty).
        await PlayedAsync(("rain", now.AddMinutes(-5)), ("harbour", now.AddMinutes(-20)), ("waves", now.AddHours(-5)));

        var plan = await Testing.PlanQueueAsync(_player.Id);

        plan.Collective.Fallback.ShouldBe(CollectiveFallback.Explore);
        plan.Items.Take(2).Select(i => TitleOf(i.SoundId)).Order().ToList().ShouldBe(["fire", "thunder"], "never played comes first");
        TitleOf(plan.Items[2].SoundId).ShouldBe("waves");
        plan.Items.ShouldAllBe(i => i.Explanation.Similarity == 0);
    }

    [Test]
    public async Task Plan_NeverQueuesWhatIsPlaying()
    {
        await CheckInAsync([V(1, 0, 0, 0, 0.2)]);
        await Testing.WithContextAsync(async db =>
        {
            (await db.Players.SingleAsync(p => p.Id == _player.Id)).NowPlaying(_sounds["rain"].Id, null);
            await db.SaveChangesAsync();
        });

        var plan = await Testing.PlanQueueAsync(_player.Id);

        plan.Items.Select(i => TitleOf(i.SoundId)).ShouldNotContain("rain");
        (await Testing.WithContextAsync(db => db.Players.SingleAsync(p => p.Id == _player.Id))).CurrentSoundId.ShouldBe(_sounds["rain"].Id);
    }

    [Test]
    public async Task Replan_WithTheSameRoom_KeepsTheItemsAndTheVersion_AndAChangedRoomBumpsIt()
    {
        await CheckInAsync([V(1, 0, 0, 0, 0.2)]);
        var first = await Testing.PlanQueueAsync(_player.Id);

        var same = await Testing.PlanQueueAsync(_player.Id);
        await Testing.WithContextAsync(db => db.Sessions.ExecuteDeleteAsync());
        await CheckInAsync([V(0, 0, 1, 0, 0)]);
        var changed = await Testing.PlanQueueAsync(_player.Id);

        first.Changed.ShouldBeTrue();
        same.Changed.ShouldBeFalse();
        same.Version.ShouldBe(first.Version);
        same.Items.Select(i => i.QueueItemId).ShouldBe(first.Items.Select(i => i.QueueItemId));
        changed.Changed.ShouldBeTrue();
        changed.Version.ShouldBe(first.Version + 1);
        TitleOf(changed.Items[0].SoundId).ShouldBe("fire");
    }

    [Test]
    public async Task Replan_AfterTheHeadItemStarted_NumbersTheQueueFromZeroAgain_SoItsOrderIsTheRoomsOrder()
    {
        await CheckInAsync([V(1, 0, 0, 0, 0.2)]);
        var first = await Testing.PlanQueueAsync(_player.Id);
        // What a "started" play report does to the queue: its item leaves it and plays.
        await Testing.WithContextAsync(async db =>
        {
            await db.PlayerQueue.Where(q => q.Id == first.Items[0].QueueItemId).ExecuteDeleteAsync();
            (await db.Players.SingleAsync(p => p.Id == _player.Id)).NowPlaying(first.Items[0].SoundId, null);
            await db.SaveChangesAsync();
        });

        var next = await Testing.PlanQueueAsync(_player.Id);

        next.Items.Take(2).Select(i => i.QueueItemId).ShouldBe(first.Items.Skip(1).Select(i => i.QueueItemId), "the items that stay keep their rows");
        var stored = await Testing.WithContextAsync(db =>
            db.PlayerQueue.Where(q => q.PlayerId == _player.Id).OrderBy(q => q.Position).Select(q => new { q.Id, q.Position }).ToListAsync());
        stored.Select(q => q.Position).ShouldBe([0, 1, 2]);
        stored.Select(q => q.Id).ShouldBe(next.Items.Select(i => i.QueueItemId));
    }

    [Test]
    public async Task Plan_ConsidersPublicMixes_ByTheVolumeWeightedDirectionOfTheirLayers()
    {
        var (creator, profile) = TestData.Listener("creator");
        // Fire at full volume, waves almost muted: the mix points at fire, which the room wants.
        var mix = Mix.Create(profile.Id, "Fireside", [new MixLayer(_sounds["fire"].Id, 1, true, 0), new MixLayer(_sounds["waves"].Id, 0.05, true, 0)], true, 60, TestData.Now);
        var secret = Mix.Create(profile.Id, "Private", [new MixLayer(_sounds["fire"].Id, 1, true, 0)], false, 60, TestData.Now);
        await Testing.WithContextAsync(async db => { db.AddRange(creator, profile, mix, secret); await db.SaveChangesAsync(); });
        await CheckInAsync([V(0, 0.1, 1, 0, 0.1)]);

        var plan = await Testing.PlanQueueAsync(_player.Id);

        plan.Items.Select(i => i.MixId).ShouldContain(mix.Id);
        plan.Items.Select(i => i.MixId).ShouldNotContain(secret.Id);
        var direction = Stored(_sounds["fire"].Embedding!).Scale(1).Add(Stored(_sounds["waves"].Embedding!).Scale(0.05));
        plan.Items.Single(i => i.MixId == mix.Id).Explanation.Similarity
            .ShouldBe(direction.CosineSimilarity(V(0, 0.1, 1, 0, 0.1)), 1e-5);
    }

    [Test]
    public async Task ClaimRound_FromTwoInstancesAtOnce_SplitsTheOnlinePlayersWithoutOverlap()
    {
        var now = Testing.Clock.GetUtcNow();
        var players = Enumerable.Range(0, 40).Select(i => Player.Create($"P{i}", $"p{i}", "hash", null, TestData.Now)).ToList();
        players.ForEach(p => p.Heartbeat(PlayerStatus.Online, now));
        var silent = Player.Create("Silent", "silent", "hash", null, TestData.Now);
        silent.Heartbeat(PlayerStatus.Online, now.AddMinutes(-5));
        await Testing.WithContextAsync(async db => { db.Players.AddRange(players); db.Players.Add(silent); await db.SaveChangesAsync(); });

        var claims = await Task.WhenAll(
            Testing.SendAsServiceAsync(new ClaimPlanningRoundCommand(7)),
            Testing.SendAsServiceAsync(new ClaimPlanningRoundCommand(7)));
        var late = await Testing.SendAsServiceAsync(new ClaimPlanningRoundCommand(7));
        var next = await Testing.SendAsServiceAsync(new ClaimPlanningRoundCommand(8));

        claims[0].Intersect(claims[1]).ShouldBeEmpty();
        claims[0].Concat(claims[1]).Order().ShouldBe(players.Select(p => p.Id).Order());
        late.ShouldBeEmpty("every player was claimed for round 7 already");
        next.Count.ShouldBe(40, "the silent player is offline and the next round is new");
    }

    private static TasteVector V(params double[] values) => TasteVector.FromValues(values);

    private static TasteVector Stored(TasteVector vector) => TasteVector.FromValues(vector.ToSingleArray());

    private string TitleOf(Guid? soundId) => _sounds.Single(s => s.Value.Id == soundId).Key;

    private async Task CheckInAsync(IEnumerable<TasteVector> tastes, Guid? playerId = null)
    {
        var now = Testing.Clock.GetUtcNow();
        await Testing.WithContextAsync(async db =>
        {
            foreach (var taste in tastes)
            {
                var (user, profile) = TestData.Listener($"listener-{Guid.NewGuid():N}");
                if (!taste.IsZero)
                    profile.ApplyLearnedTaste(taste.Normalize(), TasteVector.Zero, now);
                db.AddRange(user, profile, ListeningSession.CheckIn(profile.Id, playerId ?? _player.Id, now));
            }
            await db.SaveChangesAsync();
        });
    }

    private async Task PlayedAsync(params (string Title, DateTimeOffset At)[] plays) => await Testing.WithContextAsync(async db =>
    {
        db.PlayHistory.AddRange(plays.Select(p => PlayHistoryEntry.Start(_player.Id, PlayableRef.ForSound(_sounds[p.Title].Id), p.At, 1)));
        await db.SaveChangesAsync();
    });
}
