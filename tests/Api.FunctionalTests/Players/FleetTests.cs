using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;

namespace Soundscape.Api.FunctionalTests.Players;

/// <summary>GET /api/players/fleet and GET /api/players/{id}/history?from&amp;to: what the manager console reads.</summary>
public sealed class FleetTests : ListenerApiTest
{
    private Listener _managerA = null!;
    private Listener _managerB = null!;
    private Listener _admin = null!;
    private Listener _listener = null!;
    private Sound _rain = null!;

    [SetUp]
    public async Task ArrangeAsync()
    {
        _managerA = await SignUpAsync("fleet-manager-a");
        _managerB = await SignUpAsync("fleet-manager-b");
        _admin = await SignUpAsync("fleet-admin");
        _listener = await SignUpAsync("fleet-listener");
        _rain = Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0));
        await AsOwnerAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Roles.AddRange(
                RoleAssignment.Grant(_managerA.Id, Role.Manager, now),
                RoleAssignment.Grant(_managerB.Id, Role.Manager, now),
                RoleAssignment.Grant(_admin.Id, Role.Admin, now));
            db.Sounds.Add(_rain);
            await db.SaveChangesAsync();
        });
    }

    private static async Task<Guid> CreatePlayerAsync(Listener who, string name, string checkinCode) =>
        (await ReadJsonAsync(await who.Client.PostAsJsonAsync("/api/players", new { name, checkinCode }), HttpStatusCode.Created))
        .GetProperty("id").GetGuid();

    private static Task SeenAsync(Guid playerId, PlayerStatus status, DateTimeOffset at, Guid? soundId) => AsOwnerAsync(async db =>
    {
        var player = await db.Players.SingleAsync(p => p.Id == playerId);
        player.Heartbeat(status, at);
        player.NowPlaying(soundId, null);
        await db.SaveChangesAsync();
    });

    // ---- GET /api/players/fleet

    [Test]
    public async Task Fleet_ShowsEachOwnPlayersStatusNowPlayingListenersAndLastSeen_InOneCall()
    {
        var lobby = await CreatePlayerAsync(_managerA, "Lobby", "fleet-lobby");
        var cafe = await CreatePlayerAsync(_managerA, "Cafe", "fleet-cafe");
        await CreatePlayerAsync(_managerB, "B's", "fleet-b");
        var seen = DateTimeOffset.UtcNow.AddSeconds(-5);
        await SeenAsync(lobby, PlayerStatus.Playing, seen, _rain.Id);
        await SeenAsync(cafe, PlayerStatus.Online, DateTimeOffset.UtcNow.AddHours(-1), null); // silent for an hour
        (await _listener.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "fleet-lobby" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var fleet = await ReadJsonAsync(await _managerA.Client.GetAsync("/api/players/fleet"), HttpStatusCode.OK);

        fleet.GetProperty("total").GetInt32().ShouldBe(2);
        var rows = fleet.GetProperty("items").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        rows.Keys.ShouldBe([cafe, lobby], ignoreOrder: true);
        var playing = rows[lobby];
        playing.GetProperty("status").GetString().ShouldBe("playing");
        playing.GetProperty("listeners").GetInt32().ShouldBe(1);
        playing.GetProperty("nowPlaying").GetProperty("title").GetString().ShouldBe("rain");
        playing.GetProperty("nowPlaying").GetProperty("kind").GetString().ShouldBe("sound");
        playing.GetProperty("lastSeenAt").GetDateTimeOffset().ShouldBe(seen, TimeSpan.FromMilliseconds(1));
        playing.GetProperty("checkinCode").GetString().ShouldBe("fleet-lobby");
        var silent = rows[cafe];
        silent.GetProperty("status").GetString().ShouldBe("offline");
        silent.GetProperty("listeners").GetInt32().ShouldBe(0);
        silent.GetProperty("nowPlaying").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task Fleet_OfANewPlayer_IsOfflineAndNeverSeen()
    {
        await CreatePlayerAsync(_managerA, "Lobby", "fleet-new");

        var row = (await ReadJsonAsync(await _managerA.Client.GetAsync("/api/players/fleet"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single();

        row.GetProperty("status").GetString().ShouldBe("offline");
        row.GetProperty("lastSeenAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Test]
    public async Task Fleet_AsAdmin_ShowsEveryPlayer()
    {
        await CreatePlayerAsync(_managerA, "Lobby", "fleet-a1");
        await CreatePlayerAsync(_managerB, "B's", "fleet-b1");

        (await ReadJsonAsync(await _admin.Client.GetAsync("/api/players/fleet"), HttpStatusCode.OK)).GetProperty("total").GetInt32().ShouldBe(2);
    }

    [Test]
    public async Task Fleet_AsPlainListener_Returns403() =>
        await ShouldBeProblemAsync(await _listener.Client.GetAsync("/api/players/fleet"), HttpStatusCode.Forbidden);

    [Test]
    public async Task Fleet_Anonymously_Returns401() =>
        (await Client.GetAsync("/api/players/fleet")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

    [Test]
    public async Task Fleet_WithABadPageSize_Returns400NamingIt() =>
        await ShouldBeFieldErrorAsync(await _managerA.Client.GetAsync("/api/players/fleet?pageSize=0"), "pageSize");

    // ---- GET /api/players/{id}/history?from&to

    private async Task<Guid> PlayerWithPlaysAsync(params DateTimeOffset[] starts)
    {
        var id = await CreatePlayerAsync(_managerA, "Lobby", "fleet-history");
        await AsOwnerAsync(async db =>
        {
            db.PlayHistory.AddRange(starts.Select(s => PlayHistoryEntry.Start(id, PlayableRef.ForSound(_rain.Id), s, 1)));
            await db.SaveChangesAsync();
        });
        return id;
    }

    [Test]
    public async Task History_FromAndTo_KeepsOnlyPlaysThatStartedThatDay_InTheCallersTimeZone()
    {
        // 23 November in UTC+01:00 runs from 22 Nov 23:00 UTC to 23 Nov 23:00 UTC.
        var id = await PlayerWithPlaysAsync(
            new DateTimeOffset(2026, 11, 22, 22, 59, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.Zero));
        var from = Uri.EscapeDataString("2026-11-23T00:00:00+01:00");
        var to = Uri.EscapeDataString("2026-11-24T00:00:00+01:00");

        var page = await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}/history?from={from}&to={to}"), HttpStatusCode.OK);

        page.GetProperty("total").GetInt32().ShouldBe(2);
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("startedAt").GetDateTimeOffset()).ShouldBe([
            new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero)]);
    }

    [Test]
    public async Task History_WithOnlyFrom_KeepsEverythingSince()
    {
        var id = await PlayerWithPlaysAsync(
            new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

        var page = await ReadJsonAsync(await _managerA.Client.GetAsync($"/api/players/{id}/history?from=2026-11-23T00:00:00Z"), HttpStatusCode.OK);

        page.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Test]
    public async Task History_WithToNotAfterFrom_Returns400NamingTo()
    {
        var id = await PlayerWithPlaysAsync();

        await ShouldBeFieldErrorAsync(await _managerA.Client.GetAsync(
            $"/api/players/{id}/history?from=2026-11-23T00:00:00Z&to=2026-11-23T00:00:00Z"), "to");
    }

    [Test]
    public async Task History_WithAFromThatIsNotADate_Returns400ProblemNamingFrom()
    {
        var id = await PlayerWithPlaysAsync();

        var problem = await ShouldBeProblemAsync(await _managerA.Client.GetAsync($"/api/players/{id}/history?from=yesterday"), HttpStatusCode.BadRequest);

        (problem.GetProperty("detail").GetString() ?? "").ShouldContain("from");
    }

    [Test]
    public async Task History_ByDay_OfAnotherManagersPlayer_Returns404_AndForAListener403()
    {
        var id = await PlayerWithPlaysAsync(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        const string day = "from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z";

        await ShouldBeProblemAsync(await _managerB.Client.GetAsync($"/api/players/{id}/history?{day}"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await _listener.Client.GetAsync($"/api/players/{id}/history?{day}"), HttpStatusCode.Forbidden);
    }
}
