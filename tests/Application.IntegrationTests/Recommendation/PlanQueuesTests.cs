using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Application.Recommendation.PlanQueues;
using Soundscape.Domain.Library;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;
using Soundscape.Infrastructure.Persistence;
using Soundscape.Infrastructure.Recommendation;

namespace Soundscape.Application.IntegrationTests.Recommendation;

/// <summary>The tick's batch planner against PostgreSQL: a batch plans as its players alone would, and writes only what changed.</summary>
public sealed class PlanQueuesTests : DatabaseTest
{
    private Dictionary<string, Sound> _sounds = null!;
    private Dictionary<string, Player> _players = null!;

    [SetUp]
    public async Task ArrangeFourPlayersAndFiveSoundsAsync()
    {
        _sounds = new Dictionary<string, Sound>
        {
            ["rain"] = TestData.Sound("rain", V(0.9, 0.1, 0, 0.1, 0.3)),
            ["waves"] = TestData.Sound("waves", V(0.1, 0.1, 0, 0, 0.9)),
            ["fire"] = TestData.Sound("fire", V(0, 0.1, 0.9, 0, 0.1)),
            ["thunder"] = TestData.Sound("thunder", V(0.1, 0, 0, 0.9, 0.1)),
            ["harbour"] = TestData.Sound("harbour", V(0.6, 0, 0, 0.1, 0.6)),
        };
        _players = new[] { "lobby", "library", "empty", "default" }
            .ToDictionary(name => name, name => Player.Create(name, name, "hash", null, TestData.Now));
        _players["default"].SetDefaultVector(V(0, 0, 0, 1, 0));
        var (creator, profile) = TestData.Listener("creator");
        var mix = Mix.Create(profile.Id, "Fireside", [new MixLayer(_sounds["fire"].Id, 1, true, 0), new MixLayer(_sounds["waves"].Id, 0.2, true, 0)], true, 60, TestData.Now);
        await Testing.WithContextAsync(async db =>
        {
            db.Sounds.AddRange(_sounds.Values);
            db.Players.AddRange(_players.Values);
            db.AddRange(creator, profile, mix);
            db.PlayerLibrary.AddRange(PlayerLibraryEntry.Allow(_players["library"].Id, _sounds["waves"].Id, TestData.Now),
                PlayerLibraryEntry.Allow(_players["library"].Id, _sounds["thunder"].Id, TestData.Now));
            await db.SaveChangesAsync();
        });
    }

    [Test]
    public async Task PlanningABatch_QueuesForEachPlayerWhatPlanningItAloneQueues()
    {
        var now = Testing.Clock.GetUtcNow();
        await CheckInAsync("lobby", V(1, 0, 0, 0, 0.2), V(0.8, 0.1, 0, 0, 0.5));
        await CheckInAsync("library", V(0, 0, 1, 0, 0));
        await PlayedAsync("lobby", ("harbour", now.AddMinutes(-5)), ("rain", now.AddMinutes(-50)));
        await PlayedAsync("library", ("waves", now.AddMinutes(-20)));

        var batch = await Testing.SendAsServiceAsync(new PlanQueuesCommand(_players.Values.Select(p => p.Id).ToList()));
        await Testing.WithContextAsync(db => db.PlayerQueue.ExecuteDeleteAsync());
        var alone = new List<QueuePlan>();
        foreach (var player in _players.Values)
            alone.Add(await Testing.PlanQueueAsync(player.Id));

        batch.Select(p => p.PlayerId).Order().ShouldBe(_players.Values.Select(p => p.Id).Order());
        foreach (var single in alone)
        {
            var planned = batch.Single(p => p.PlayerId == single.PlayerId);
            planned.Collective.ShouldBe(single.Collective);
            planned.Items.Select(i => (i.SoundId, i.MixId)).ShouldBe(single.Items.Select(i => (i.SoundId, i.MixId)));
            for (var i = 0; i < single.Items.Count; i++)
            {
                planned.Items[i].Explanation.Similarity.ShouldBe(single.Items[i].Explanation.Similarity, 1e-12);
                // The penalty's clock moved by the milliseconds between the two plans.
                planned.Items[i].Explanation.Penalty.ShouldBe(single.Items[i].Explanation.Penalty, 1e-4);
                (planned.Items[i].Explanation with { Similarity = 0, Penalty = 0, Score = 0 })
                    .ShouldBe(single.Items[i].Explanation with { Similarity = 0, Penalty = 0, Score = 0 });
            }
        }
        // Each player as the single-player tests expect it: its own room, its library, the fallbacks.
        Plan(batch, "lobby").Collective.Fallback.ShouldBe(CollectiveFallback.Room);
        Plan(batch, "library").Items.Where(i => i.SoundId is not null).Select(i => TitleOf(i.SoundId)).ShouldBeSubsetOf(["waves", "thunder"]);
        Plan(batch, "library").Items.ShouldNotContain(i => i.MixId != null, "the mix has fire, which is not in this library");
        Plan(batch, "empty").Collective.Fallback.ShouldBe(CollectiveFallback.AllActiveListeners);
        Plan(batch, "default").Collective.Fallback.ShouldBe(CollectiveFallback.AllActiveListeners, "someone is active somewhere");
        batch.ShouldAllBe(p => p.Items.Count == 3 || p.PlayerId == _players["library"].Id);
        var stored = await Testing.WithContextAsync(db => db.PlayerQueue.AsNoTracking().ToListAsync());
        stored.Count.ShouldBe(alone.Sum(p => p.Items.Count));
    }

    [Test]
    public async Task PlanningABatch_WithNobodyActive_GivesEachPlayerItsOwnFallback()
    {
        var plans = await Testing.SendAsServiceAsync(new PlanQueuesCommand([_players["default"].Id, _players["empty"].Id]));

        Plan(plans, "default").Collective.Fallback.ShouldBe(CollectiveFallback.PlayerDefault);
        TitleOf(Plan(plans, "default").Items[0].SoundId).ShouldBe("thunder");
        Plan(plans, "empty").Collective.Fallback.ShouldBe(CollectiveFallback.Explore);
        Plan(plans, "empty").Items.ShouldAllBe(i => i.Explanation.Similarity == 0);
    }

    [Test]
    public async Task RecommendingForABatch_LeavesOutWhatEachPlayerHasQueuedOrIsPlaying_NotWhatOthersHave()
    {
        var (lobby, empty, library) = (_players["lobby"], _players["empty"], _players["library"]);
        await Testing.WithContextAsync(async db =>
        {
            db.PlayerQueue.Add(QueueItem.Enqueue(lobby.Id, PlayableRef.ForSound(_sounds["rain"].Id), 0, null, TestData.Now));
            (await db.Players.SingleAsync(p => p.Id == empty.Id)).NowPlaying(_sounds["harbour"].Id, null);
            await db.SaveChangesAsync();
        });
        var taste = V(1, 0, 0, 0, 0.6).Normalize();

        var rows = await Testing.WithContextAsync(db => new RecommendationEngine(db).RecommendForPlayersAsync(
            [new PlayerTaste(lobby.Id, taste), new PlayerTaste(empty.Id, taste), new PlayerTaste(library.Id, taste)],
            Testing.Clock.GetUtcNow(), PenaltySettings.Default, 40, 6, excludeQueued: true, CancellationToken.None));

        var byPlayer = rows.ToLookup(r => r.PlayerId);
        byPlayer[lobby.Id].Select(r => r.SoundId).ShouldNotContain(_sounds["rain"].Id);
        byPlayer[lobby.Id].Select(r => r.SoundId).ShouldContain(_sounds["harbour"].Id);
        byPlayer[empty.Id].Select(r => r.SoundId).ShouldNotContain(_sounds["harbour"].Id);
        byPlayer[empty.Id].Select(r => r.SoundId).ShouldContain(_sounds["rain"].Id);
        byPlayer[library.Id].Where(r => r.SoundId != null).Select(r => TitleOf(r.SoundId)).Order().ShouldBe(["thunder", "waves"]);
        foreach (var group in byPlayer)
            group.Select(r => r.Score).ShouldBeInOrder(SortDirection.Descending);
        // Each one as recommend_with_penalty gives it alone.
        foreach (var player in new[] { lobby, empty, library })
        {
            var alone = await Testing.WithContextAsync(db => new RecommendationEngine(db).RecommendWithPenaltyAsync(
                player.Id, taste, Testing.Clock.GetUtcNow(), PenaltySettings.Default, 40, 6, true, CancellationToken.None));
            byPlayer[player.Id].Select(r => (r.SoundId, r.MixId)).ShouldBe(alone.Select(r => (r.SoundId, r.MixId)));
        }
    }

    [Test]
    public async Task Replanning_AnUnchangedRoom_RewritesNoQueueRow_KeepsTheVersion_AndNotifiesNobody_WhileAChangedRoomIsNotified()
    {
        await CheckInAsync("lobby", V(1, 0, 0, 0, 0.2));
        await CheckInAsync("library", V(0, 0, 1, 0, 0));
        var ids = new List<Guid> { _players["lobby"].Id, _players["library"].Id };
        var first = await Testing.SendAsServiceAsync(new PlanQueuesCommand(ids));
        var rowsBefore = await QueueRowVersionsAsync();

        await using var listener = await ListenAsync();
        var same = await Testing.SendAsServiceAsync(new PlanQueuesCommand(ids));
        var quiet = await listener.CollectAsync();
        var rowsAfter = await QueueRowVersionsAsync();
        await Testing.WithContextAsync(db => db.Sessions.Where(s => s.PlayerId == _players["lobby"].Id).ExecuteDeleteAsync());
        await CheckInAsync("lobby", V(0, 0, 1, 0, 0));
        var changed = await Testing.SendAsServiceAsync(new PlanQueuesCommand(ids));
        var heard = await listener.CollectAsync();

        first.ShouldAllBe(p => p.Changed);
        same.ShouldAllBe(p => !p.Changed);
        same.Select(p => p.Version).ShouldBe(first.Select(p => p.Version));
        rowsAfter.ShouldBe(rowsBefore, "nothing moved, so no queue row was written");
        quiet.ShouldBeEmpty();
        Plan(changed, "lobby").Changed.ShouldBeTrue();
        Plan(changed, "library").Changed.ShouldBeFalse();
        heard.ShouldBe([QueueNotifications.Payload(_players["lobby"].Id, Plan(first, "lobby").Version + 1)]);
        var versions = await Testing.WithContextAsync(db => db.Players.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.QueueVersion));
        versions[_players["lobby"].Id].ShouldBe(Plan(first, "lobby").Version + 1);
        versions[_players["library"].Id].ShouldBe(Plan(first, "library").Version);
    }

    [Test]
    public async Task Replanning_RefreshesAMovedExplanationInPlace_WithoutANewVersion()
    {
        var now = Testing.Clock.GetUtcNow();
        await CheckInAsync("lobby", V(1, 0, 0, 0, 0.2));
        // Long enough ago that rain stays first while its penalty shrinks.
        await PlayedAsync("lobby", ("rain", now.AddMinutes(-150)));
        var first = await Testing.PlanQueueAsync(_players["lobby"].Id);
        var rain = first.Items.Single(i => i.SoundId == _sounds["rain"].Id);

        Testing.Clock.Advance(TimeSpan.FromMinutes(10));
        var later = await Testing.PlanQueueAsync(_players["lobby"].Id);

        later.Changed.ShouldBeFalse();
        later.Version.ShouldBe(first.Version);
        later.Items.Select(i => i.QueueItemId).ShouldBe(first.Items.Select(i => i.QueueItemId));
        var stored = await Testing.WithContextAsync(db => db.PlayerQueue.AsNoTracking().SingleAsync(q => q.Id == rain.QueueItemId));
        rain.Explanation.Penalty.ShouldBe(0.5 * Math.Exp(-150.0 / 30), 1e-6);
        stored.Explanation!.Penalty.ShouldBe(0.5 * Math.Exp(-160.0 / 30), 1e-6);
        stored.Explanation.Penalty.ShouldBeLessThan(rain.Explanation.Penalty);
        (await Testing.WithContextAsync(db => db.Players.AsNoTracking().SingleAsync(p => p.Id == _players["lobby"].Id))).PlannedAt
            .ShouldNotBeNull().ShouldBeGreaterThan(now.AddMinutes(9));
    }

    [Test]
    public async Task Replanning_AfterAListenerArrives_WhenOnlyTheReasonsMove_KeepsTheQueueVersion_ButMovesAndAnnouncesTheRoomVersion()
    {
        // The console's re-planned queue after a check-in: the same items, now explained by one listener instead of
        // none. The room view shows those reasons, so its version must move (the streams and the queue table follow
        // it), while the devices' queue version must not (they would fetch the same items again).
        var player = _players["default"];
        var first = await Testing.PlanQueueAsync(player.Id);
        var (user, profile) = TestData.Listener("arrives");
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(user, profile, ListeningSession.CheckIn(profile.Id, player.Id, Testing.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        var checkedIn = await RoomVersionAsync(player.Id);

        await using var listener = await ListenAsync(QueueNotifications.RoomChannel);
        var replanned = await Testing.PlanQueueAsync(player.Id);
        var heard = await listener.CollectAsync();

        first.Items.Select(i => i.Explanation.Listeners).ShouldAllBe(n => n == 0);
        replanned.Items.Select(i => i.QueueItemId).ShouldBe(first.Items.Select(i => i.QueueItemId), "the same items stay");
        replanned.Items.Select(i => i.Explanation.Listeners).ShouldAllBe(n => n == 1);
        replanned.Changed.ShouldBeFalse();
        replanned.Version.ShouldBe(first.Version);
        var after = await RoomVersionAsync(player.Id);
        after.ShouldBe(checkedIn + 1);
        heard.ShouldBe([QueueNotifications.Payload(player.Id, after)]);
    }

    [Test]
    public async Task Replanning_AnUnchangedRoom_LeavesTheRoomVersionAlone()
    {
        var player = _players["default"];
        await Testing.PlanQueueAsync(player.Id);
        var before = await RoomVersionAsync(player.Id);

        await using var listener = await ListenAsync(QueueNotifications.RoomChannel);
        await Testing.PlanQueueAsync(player.Id);
        var heard = await listener.CollectAsync();

        (await RoomVersionAsync(player.Id)).ShouldBe(before);
        heard.ShouldBeEmpty();
    }

    [Test]
    public async Task Replanning_AfterTheFirstItemStarted_KeepsTheRestWithTheirIds_AndRenumbersThem()
    {
        await CheckInAsync("lobby", V(1, 0, 0, 0, 0.2));
        var first = await Testing.PlanQueueAsync(_players["lobby"].Id);
        // What RecordPlayEvent does when the device starts the first item.
        await Testing.WithContextAsync(async db =>
        {
            var started = await db.PlayerQueue.SingleAsync(q => q.Id == first.Items[0].QueueItemId);
            var player = await db.Players.SingleAsync(p => p.Id == _players["lobby"].Id);
            db.PlayerQueue.Remove(started);
            player.NowPlaying(started.SoundId, started.MixId);
            player.QueueChanged();
            await db.SaveChangesAsync();
        });

        var next = await Testing.PlanQueueAsync(_players["lobby"].Id);

        next.Changed.ShouldBeTrue();
        next.Items.Take(2).Select(i => i.QueueItemId).ShouldBe(first.Items.Skip(1).Take(2).Select(i => i.QueueItemId));
        next.Items.Select(i => i.SoundId).ShouldNotContain(first.Items[0].SoundId);
        var stored = await Testing.WithContextAsync(db => db.PlayerQueue.AsNoTracking().Where(q => q.PlayerId == _players["lobby"].Id)
            .OrderBy(q => q.Position).Select(q => new { q.Id, q.Position }).ToListAsync());
        stored.Select(q => q.Position).ShouldBe([0, 1, 2]);
        stored.Select(q => q.Id).ShouldBe(next.Items.Select(i => i.QueueItemId));
    }

    [Test]
    public async Task PlanningABatch_LeavesOutPlayersThatDoNotExist_AndIsServiceWorkOnly()
    {
        var missing = Guid.NewGuid();

        var plans = await Testing.SendAsServiceAsync(new PlanQueuesCommand([missing, _players["empty"].Id]));

        plans.Select(p => p.PlayerId).ShouldBe([_players["empty"].Id]);
        plans[0].Collective.Fallback.ShouldBe(CollectiveFallback.Explore);
        (await Testing.SendAsServiceAsync(new PlanQueuesCommand([]))).ShouldBeEmpty();
        // A batch of only a missing player plans nothing (PlanQueueCommand, which turned that into a 404, is gone: no
        // production code sent it).
        (await Testing.SendAsServiceAsync(new PlanQueuesCommand([missing]))).ShouldBeEmpty();
        var (user, profile) = TestData.Listener("someone");
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile); await db.SaveChangesAsync(); });
        await Should.ThrowAsync<ForbiddenAccessException>(() => Testing.SendAsync(new PlanQueuesCommand([_players["empty"].Id]), user.Id));
    }

    private static TasteVector V(params double[] values) => TasteVector.FromValues(values);

    private QueuePlan Plan(IEnumerable<QueuePlan> plans, string player) => plans.Single(p => p.PlayerId == _players[player].Id);

    private string TitleOf(Guid? soundId) => _sounds.Single(s => s.Value.Id == soundId).Key;

    private async Task CheckInAsync(string player, params TasteVector[] tastes)
    {
        var now = Testing.Clock.GetUtcNow();
        await Testing.WithContextAsync(async db =>
        {
            foreach (var taste in tastes)
            {
                var (user, profile) = TestData.Listener($"listener-{Guid.NewGuid():N}");
                profile.ApplyLearnedTaste(taste.Normalize(), TasteVector.Zero, now);
                db.AddRange(user, profile, ListeningSession.CheckIn(profile.Id, _players[player].Id, now));
            }
            await db.SaveChangesAsync();
        });
    }

    private async Task PlayedAsync(string player, params (string Title, DateTimeOffset At)[] plays) => await Testing.WithContextAsync(async db =>
    {
        db.PlayHistory.AddRange(plays.Select(p => PlayHistoryEntry.Start(_players[player].Id, PlayableRef.ForSound(_sounds[p.Title].Id), p.At, 1)));
        await db.SaveChangesAsync();
    });

    /// <summary>Each queue row's id with the transaction that last wrote it (xmin): equal before and after means untouched.</summary>
    private static async Task<List<string>> QueueRowVersionsAsync()
    {
        await using var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id::text || ':' || xmin::text FROM player_queue ORDER BY id", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private static Task<long> RoomVersionAsync(Guid playerId) =>
        Testing.WithContextAsync(db => db.Players.AsNoTracking().Where(p => p.Id == playerId).Select(p => p.RoomVersion).SingleAsync());

    private static async Task<QueueListener> ListenAsync(string channel = QueueNotifications.Channel)
    {
        var connection = new NpgsqlConnection(Testing.Database.OwnerConnectionString);
        await connection.OpenAsync();
        var listener = new QueueListener(connection);
        await using var command = new NpgsqlCommand($"LISTEN {channel}", connection);
        await command.ExecuteNonQueryAsync();
        return listener;
    }

    /// <summary>The queue notifications this connection hears.</summary>
    private sealed class QueueListener : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly List<string> _heard = [];

        public QueueListener(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notification += (_, e) => _heard.Add(e.Payload);
        }

        /// <summary>What arrived since the last call (waiting until nothing more comes for a moment).</summary>
        public async Task<List<string>> CollectAsync()
        {
            while (await _connection.WaitAsync(TimeSpan.FromMilliseconds(300)))
            {
            }
            var heard = _heard.ToList();
            _heard.Clear();
            return heard;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
