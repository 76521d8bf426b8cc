using Microsoft.EntityFrameworkCore;
using Npgsql;
using Soundscape.Application.Analytics.RemoveOldTasteHistory;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;
using Soundscape.Domain.Vectors;

using static Soundscape.Application.IntegrationTests.Security.AppRoleSql;

namespace Soundscape.Application.IntegrationTests.Analytics;

/// <summary>
/// The room's taste over time: what a plan records (and skips), the retention sweep, and who may read or write the
/// rows, checked in PostgreSQL itself as the API's role (NOBYPASSRLS) and the service role.
/// </summary>
public sealed class RoomTasteHistoryTests : DatabaseTest
{
    private Guid _alice;
    private Guid _bob;
    private Guid _admin;
    private Guid _listener;
    private Player _alicesPlayer = null!;
    private Player _bobsPlayer = null!;

    [SetUp]
    public async Task ArrangeTwoManagersWithAPlayerEachAsync()
    {
        var (aliceUser, alice) = TestData.Listener("alice");
        var (bobUser, bob) = TestData.Listener("bob");
        var (adminUser, admin) = TestData.Listener("admin");
        var (listenerUser, listener) = TestData.Listener("listener");
        _alicesPlayer = Player.Create("Alice's", "alice", "hash-a", alice.Id, TestData.Now);
        _bobsPlayer = Player.Create("Bob's", "bob", "hash-b", bob.Id, TestData.Now);
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(aliceUser, alice, bobUser, bob, adminUser, admin, listenerUser, listener,
                TestData.Sound("rain", TasteVector.Create(1, 0, 0, 0, 0)), TestData.Sound("fire", TasteVector.Create(0, 0, 1, 0, 0)));
            await db.SaveChangesAsync();
            db.AddRange(
                RoleAssignment.Grant(alice.Id, Role.Manager, TestData.Now),
                RoleAssignment.Grant(bob.Id, Role.Manager, TestData.Now),
                RoleAssignment.Grant(admin.Id, Role.Admin, TestData.Now),
                _alicesPlayer, _bobsPlayer);
            await db.SaveChangesAsync();
        });
        (_alice, _bob, _admin, _listener) = (alice.Id, bob.Id, admin.Id, listener.Id);
    }

    [Test]
    public async Task Plan_RecordsTheShownTaste_SkipsAnUnchangedRoom_AndRecordsAChange()
    {
        var listeners = await CheckInAsync(_alicesPlayer.Id, V(1, 0, 0, 0, 0), V(0.9, 0.1, 0, 0, 0), V(1, 0, 0.1, 0, 0));
        await Testing.PlanQueueAsync(_alicesPlayer.Id);
        Testing.Clock.Advance(TimeSpan.FromMinutes(1));
        await Testing.PlanQueueAsync(_alicesPlayer.Id);

        var afterTwoPlans = await SamplesAsync();
        afterTwoPlans.Count.ShouldBe(1, "the second plan saw the same room");
        afterTwoPlans[0].Listeners.ShouldBe((short)3);
        var shown = await Testing.WithContextAsync(db => db.Players.Where(p => p.Id == _alicesPlayer.Id).Select(p => p.CollectiveVector).SingleAsync());
        afterTwoPlans[0].Taste.ShouldBe(VectorText(shown!));

        // One listener leaves: two tastes are nobody's to show, so the sample has no taste, and it is recorded.
        await Testing.WithContextAsync(db => db.Sessions.Where(s => s.UserId == listeners[0]).ExecuteDeleteAsync());
        Testing.Clock.Advance(TimeSpan.FromMinutes(1));
        await Testing.PlanQueueAsync(_alicesPlayer.Id);

        var samples = await SamplesAsync();
        samples.Count.ShouldBe(2);
        samples[1].Listeners.ShouldBe((short)2);
        samples[1].Taste.ShouldBeNull();
    }

    [Test]
    public async Task Plan_OfATasteThatMovedByLessThanTheEpsilon_IsNotRecorded_ButALargerMoveIs()
    {
        await CheckInAsync(_alicesPlayer.Id, V(1, 0, 0, 0, 0), V(1, 0, 0, 0, 0), V(1, 0, 0, 0, 0));
        await Testing.PlanQueueAsync(_alicesPlayer.Id);
        // A fourth listener with the same taste changes the count only: recorded (4 listeners).
        await CheckInAsync(_alicesPlayer.Id, V(1, 0, 0, 0, 0));
        Testing.Clock.Advance(TimeSpan.FromMinutes(1));
        await Testing.PlanQueueAsync(_alicesPlayer.Id);
        // Their taste moves a hair (0.004 of the room's direction, under the default 0.02): not recorded.
        await SetAllTastesAsync(V(1, 0, 0.004 * 4, 0, 0));
        Testing.Clock.Advance(TimeSpan.FromMinutes(1));
        await Testing.PlanQueueAsync(_alicesPlayer.Id);
        // Then a lot: recorded.
        await SetAllTastesAsync(V(0, 0, 1, 0, 0));
        Testing.Clock.Advance(TimeSpan.FromMinutes(1));
        await Testing.PlanQueueAsync(_alicesPlayer.Id);

        var samples = await SamplesAsync();
        samples.Select(s => s.Listeners).ShouldBe([(short)3, (short)4, (short)4]);
        samples[2].Taste.ShouldBe("[0,0,1,0,0]");
    }

    [Test]
    public async Task RetentionSweep_DeletesOnlyRowsOlderThanTheRetention_AndIsServiceWorkOnly()
    {
        var now = Testing.Clock.GetUtcNow();
        await InsertAsServiceAsync(_alicesPlayer.Id, now.AddDays(-401), now.AddDays(-399), now.AddMinutes(-1));

        var removed = await Testing.SendAsServiceAsync(new RemoveOldTasteHistoryCommand());

        removed.ShouldBe(1);
        (await SamplesAsync()).Count.ShouldBe(2);
        await Should.ThrowAsync<Soundscape.Application.Common.Exceptions.ForbiddenAccessException>(
            () => Testing.SendAsync(new RemoveOldTasteHistoryCommand(), _admin));
    }

    [Test]
    public async Task Select_AsEachRole_ShowsOnlyTheRowsOfPlayersTheyManage_AndEveryRowToAdminsAndTheService()
    {
        var now = Testing.Clock.GetUtcNow();
        await InsertAsServiceAsync(_alicesPlayer.Id, now.AddMinutes(-2));
        await InsertAsServiceAsync(_bobsPlayer.Id, now.AddMinutes(-1));
        const string sql = "SELECT player_id FROM room_taste_history";

        await using (var alice = await OpenAppConnectionAsync(_alice))
            (await ReadGuidsAsync(alice, sql)).ShouldBe([_alicesPlayer.Id]);
        await using (var bob = await OpenAppConnectionAsync(_bob))
            (await ReadGuidsAsync(bob, sql)).ShouldBe([_bobsPlayer.Id]);
        await using (var admin = await OpenAppConnectionAsync(_admin))
            (await ReadGuidsAsync(admin, sql)).ShouldBe([_alicesPlayer.Id, _bobsPlayer.Id], ignoreOrder: true);
        await using (var listener = await OpenAppConnectionAsync(_listener))
            (await ReadGuidsAsync(listener, sql)).ShouldBeEmpty();
        await using (var anonymous = await OpenAppConnectionAsync(null))
            (await ReadGuidsAsync(anonymous, sql)).ShouldBeEmpty();
        await using (var service = await OpenServiceConnectionAsync())
            (await ReadGuidsAsync(service, sql)).Count.ShouldBe(2);
    }

    [TestCase("INSERT INTO room_taste_history (player_id, planned_at, taste, listeners) VALUES ('{0}', now(), '[1,0,0,0,0]', 1)")]
    [TestCase("UPDATE room_taste_history SET listeners = 9")]
    [TestCase("DELETE FROM room_taste_history")]
    public async Task Write_AsTheApisRole_EvenForAnAdmin_IsRefused(string statement)
    {
        await InsertAsServiceAsync(_alicesPlayer.Id, Testing.Clock.GetUtcNow().AddMinutes(-1));
        await using var admin = await OpenAppConnectionAsync(_admin);

        var error = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(admin, string.Format(statement, _alicesPlayer.Id)));

        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await SamplesAsync()).Single().Listeners.ShouldBe((short)1);
    }

    [Test]
    public async Task AggregateFunctions_AnswerOnlyThePlayersManagerAndAdmins()
    {
        var sql = $"SELECT count(*) FROM public.room_analytics_summary('{_alicesPlayer.Id}', now() - interval '1 day', now())";
        var sounds = $"SELECT count(*) FROM public.room_analytics_sounds('{_alicesPlayer.Id}', now() - interval '1 day', now())";
        await using (var alice = await OpenAppConnectionAsync(_alice))
            (await ReadStringsAsync(alice, sql)).ShouldBe(["1"]);
        await using (var admin = await OpenAppConnectionAsync(_admin))
            (await ReadStringsAsync(admin, sql)).ShouldBe(["1"]);
        foreach (var caller in new Guid?[] { _bob, _listener, null })
        {
            await using var other = await OpenAppConnectionAsync(caller);
            (await ReadStringsAsync(other, sql)).ShouldBe(["0"], $"caller {caller}");
        }
        // The per-sound function says nothing either: seed one of Alice's plays, which Bob must not see.
        await Testing.WithContextAsync(async db =>
        {
            var sound = await db.Sounds.FirstAsync();
            db.PlayHistory.Add(PlayHistoryEntry.Start(_alicesPlayer.Id, PlayableRef.ForSound(sound.Id), Testing.Clock.GetUtcNow().AddMinutes(-5), 2));
            await db.SaveChangesAsync();
        });
        await using (var bob = await OpenAppConnectionAsync(_bob))
            (await ReadStringsAsync(bob, sounds)).ShouldBe(["0"]);
        await using (var alice = await OpenAppConnectionAsync(_alice))
            (await ReadStringsAsync(alice, sounds)).ShouldBe(["1"]);
    }

    private sealed record Sample(string? Taste, short Listeners);

    private async Task<List<Sample>> SamplesAsync()
    {
        await using var owner = await OpenOwnerConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT taste::text, listeners FROM room_taste_history ORDER BY planned_at", owner);
        await using var reader = await command.ExecuteReaderAsync();
        var samples = new List<Sample>();
        while (await reader.ReadAsync())
            samples.Add(new Sample(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt16(1)));
        return samples;
    }

    private static async Task InsertAsServiceAsync(Guid playerId, params DateTimeOffset[] times)
    {
        await using var service = await OpenServiceConnectionAsync();
        foreach (var at in times)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO room_taste_history (player_id, planned_at, taste, listeners) VALUES (@p, @at, '[1,0,0,0,0]', 1)", service);
            command.Parameters.AddWithValue("p", playerId);
            command.Parameters.AddWithValue("at", at);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<List<Guid>> CheckInAsync(Guid playerId, params TasteVector[] tastes)
    {
        var now = Testing.Clock.GetUtcNow();
        var ids = new List<Guid>();
        await Testing.WithContextAsync(async db =>
        {
            foreach (var taste in tastes)
            {
                var (user, profile) = TestData.Listener($"listener-{Guid.NewGuid():N}");
                profile.ApplyLearnedTaste(taste.Normalize(), TasteVector.Zero, now);
                db.AddRange(user, profile, ListeningSession.CheckIn(profile.Id, playerId, now));
                ids.Add(profile.Id);
            }
            await db.SaveChangesAsync();
        });
        return ids;
    }

    private static Task SetAllTastesAsync(TasteVector taste) => Testing.WithContextAsync(async db =>
    {
        var now = Testing.Clock.GetUtcNow();
        foreach (var profile in await db.Profiles.Where(p => db.Sessions.Any(s => s.UserId == p.Id)).ToListAsync())
            profile.ApplyLearnedTaste(taste.Normalize(), TasteVector.Zero, now);
        await db.SaveChangesAsync();
    });

    private static string VectorText(TasteVector v) =>
        "[" + string.Join(",", v.ToSingleArray().Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static TasteVector V(double rain, double wind, double fire, double thunder, double waves) => TasteVector.Create(rain, wind, fire, thunder, waves);
}
