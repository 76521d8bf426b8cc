using System.Diagnostics;
using System.Reflection;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Api.Hosting;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Application.Devices.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Players;

using static Soundscape.TestSupport.Eventually;

namespace Soundscape.Api.FunctionalTests.Devices;

/// <summary>The engine running in real API hosts: the tick, re-planning when the room changes, and two instances on one database.</summary>
[NonParallelizable]
public sealed class EngineFlowTests : ListenerApiTest
{
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    [TearDown]
    public async Task StopHostsAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
        _hosts.Clear();
    }

    /// <summary>
    /// How long a room change may take to re-plan here. The tick is ten minutes in these tests, so any re-plan within
    /// this proves the change itself re-planned. The product's aim (within a second) is a speed target: it is measured
    /// by bench/events on a quiet machine, not asserted by a timed test on a shared one; the time is printed.
    /// </summary>
    private static readonly TimeSpan RoomChangeDeadline = TimeSpan.FromSeconds(10);

    [Test]
    public async Task ListenersCheckingInAndVoting_ChangeTheQueueAtOnce_Explained_AndTheDeviceSeesItOnItsLongPoll()
    {
        var api = StartHost(TimeSpan.FromMinutes(10)); // no tick during the test: only room changes re-plan
        var (playerId, device) = await CreateOnlinePlayerAsync(api);
        var sounds = await AddSoundsAsync(("rain", [1, 0, 0, 0, 0.1]), ("wind", [0, 1, 0, 0, 0]), ("fire", [0, 0, 1, 0, 0.1]), ("waves", [0.1, 0, 0, 0, 1]));
        var first = await device.GetAsync("/api/device/queue");
        var etag = first.Headers.ETag!;
        using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/device/queue?wait=20");
        poll.Headers.IfNoneMatch.Add(etag);
        var longPoll = device.SendAsync(poll);

        var listeners = new List<HttpClient>();
        foreach (var name in new[] { "ana", "ben", "cleo" })
        {
            var listener = await SignUpOnAsync(api, name);
            (await listener.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "room" })).StatusCode.ShouldBe(HttpStatusCode.Created);
            listeners.Add(listener);
        }
        var voted = Stopwatch.StartNew();
        foreach (var listener in listeners)
            (await listener.PostAsJsonAsync("/api/votes", new { soundId = sounds["fire"], reaction = "like", playerId })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var seen = await longPoll.WaitAsync(TimeSpan.FromSeconds(20));
        var queue = await WaitForAsync(async () =>
        {
            var view = await ReadJsonAsync(await Manager.GetAsync($"/api/players/{playerId}/queue"), HttpStatusCode.OK);
            var items = view.GetProperty("items").EnumerateArray().ToList();
            return items.Count > 0 && items[0].GetProperty("title").GetString() == "fire" && items[0].GetProperty("listeners").GetInt32() == 3 ? items : null;
        }, RoomChangeDeadline);
        voted.Stop();

        seen.StatusCode.ShouldBe(HttpStatusCode.OK, "the device's long poll returns when the room changes its queue");
        queue[0].GetProperty("fallback").GetString().ShouldBe("room");
        queue[0].GetProperty("similarity").GetDouble().ShouldBeGreaterThan(0.99);
        var latest = await device.GetAsync("/api/device/queue");
        (await ReadJsonAsync(latest, HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("sound").GetProperty("title").GetString().ShouldBe("fire");
    }

    [Test]
    public async Task AListenerCheckingOut_RePlansTheQueueAtOnce_AndThePlayingItemSurvives()
    {
        var api = StartHost(TimeSpan.FromMinutes(10));
        var (playerId, device) = await CreateOnlinePlayerAsync(api);
        var sounds = await AddSoundsAsync(("rain", [1, 0, 0, 0, 0]), ("fire", [0, 0, 1, 0, 0]), ("harbour", [0.7, 0, 0, 0, 0.7]), ("waves", [0, 0, 0, 0, 1]));
        var rainFan = await SignUpAsync("rainfan");
        var fireFan = await SignUpAsync("firefan");
        await SetTasteAsync(rainFan.Email, [1, 0, 0, 0, 0]);
        await SetTasteAsync(fireFan.Email, [0, 0, 1, 0, 0]);
        foreach (var listener in new[] { rainFan, fireFan })
            (await ClientOn(api, listener.Token).PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "room" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        // The fire item of the plan made for both listeners: the first check-in's plan is replaced by the second's.
        var fireItemId = await WaitForAsync(async () =>
        {
            var view = await ReadJsonAsync(await Manager.GetAsync($"/api/players/{playerId}/queue"), HttpStatusCode.OK);
            var fire = view.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("title").GetString() == "fire" && i.GetProperty("listeners").GetInt32() == 2).ToList();
            return fire.Count == 1 ? fire[0].GetProperty("queueItemId").GetString() : null;
        }, TimeSpan.FromSeconds(10));
        (await device.PostAsJsonAsync("/api/device/plays", new { eventId = Guid.NewGuid(), queueItemId = fireItemId, @event = "started", at = DateTimeOffset.UtcNow }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await WaitForAsync(async () => (await QueueAsync(playerId)) is { Count: 3 } q && !q.Contains(sounds["fire"]) ? q : null, TimeSpan.FromSeconds(5));

        var checkedOut = Stopwatch.StartNew();
        (await ClientOn(api, fireFan.Token).PostAsync("/api/sessions/check-out", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Re-planned for the one listener left: the reasons now say one listener, and rain matches the room exactly.
        var items = await WaitForAsync(async () =>
        {
            var view = await ReadJsonAsync(await Manager.GetAsync($"/api/players/{playerId}/queue"), HttpStatusCode.OK);
            var list = view.GetProperty("items").EnumerateArray().ToList();
            return list.Count > 0 && list.All(i => i.GetProperty("listeners").GetInt32() == 1) ? list : null;
        }, RoomChangeDeadline);
        checkedOut.Stop();

        items[0].GetProperty("title").GetString().ShouldBe("rain");
        items[0].GetProperty("similarity").GetDouble().ShouldBe(1, 1e-6);
        items.Select(i => i.GetProperty("title").GetString()).ShouldNotContain("fire", "the item playing now is never re-planned into the queue");
        (await AsOwnerAsync(db => db.Players.SingleAsync(p => p.Id == playerId))).CurrentSoundId.ShouldBe(sounds["fire"]);
        TestContext.Out.WriteLine($"re-planned {checkedOut.ElapsedMilliseconds} ms after the check-out");
    }

    [Test]
    public async Task TwoInstancesOnOneDatabase_PlanEachOnlinePlayerExactlyOncePerRound()
    {
        var first = StartHost(TimeSpan.FromSeconds(1));
        var second = StartHost(TimeSpan.FromSeconds(1));
        var now = DateTimeOffset.UtcNow;
        var players = Enumerable.Range(0, 12).Select(i => Player.Create($"P{i}", $"p{i}", "hash", null, now)).ToList();
        players.ForEach(p => p.Heartbeat(PlayerStatus.Online, now));
        await AsOwnerAsync(async db => { db.Players.AddRange(players); await db.SaveChangesAsync(); });
        await AddSoundsAsync(("rain", [1, 0, 0, 0, 0]), ("fire", [0, 0, 1, 0, 0]));
        _ = first.CreateClient();
        _ = second.CreateClient(); // starting the hosts starts their engines

        await Task.Delay(TimeSpan.FromSeconds(4.5));

        var ids = players.Select(p => p.Id).ToHashSet();
        var entries = Observer(first).Entries.Select(e => (e.Round, e.PlayerId, Host: 1))
            .Concat(Observer(second).Entries.Select(e => (e.Round, e.PlayerId, Host: 2)))
            .Where(e => e.Round > 0 && ids.Contains(e.PlayerId)).ToList();
        var rounds = entries.GroupBy(e => e.Round).OrderBy(g => g.Key).ToList();
        rounds.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var round in rounds)
            round.GroupBy(e => e.PlayerId).ShouldAllBe(g => g.Count() == 1, $"round {round.Key}: a player planned twice");
        // Rounds that both hosts took part in, fully inside the wait, cover every player.
        rounds.Skip(1).SkipLast(1).ShouldAllBe(r => r.Select(e => e.PlayerId).ToHashSet().SetEquals(ids));
        // Both engines ran every round; whichever claimed first took the players (one statement, SKIP LOCKED).
        Observer(first).Claims.Count.ShouldBeGreaterThanOrEqualTo(3);
        Observer(second).Claims.Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Test]
    public void Production_KeepsNoRecordOfWhatItPlanned()
    {
        var observer = Testing.Factory.Services.GetRequiredService<IPlanningObserver>();

        observer.ShouldBeOfType<NoPlanningObserver>();
        typeof(NoPlanningObserver).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).ShouldBeEmpty();
    }

    private static RecordingPlanningObserver Observer(WebApplicationFactory<Program> host) =>
        (RecordingPlanningObserver)host.Services.GetRequiredService<IPlanningObserver>();

    private HttpClient Manager { get; set; } = null!;

    private WebApplicationFactory<Program> StartHost(TimeSpan tick)
    {
        var host = Testing.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Recommendation:Engine:Enabled", "true");
            builder.UseSetting("Recommendation:TickInterval", tick.ToString("c"));
            builder.ConfigureTestServices(services => services.AddSingleton<IPlanningObserver, RecordingPlanningObserver>());
        });
        _hosts.Add(host);
        return host;
    }

    private async Task<(Guid PlayerId, HttpClient Device)> CreateOnlinePlayerAsync(WebApplicationFactory<Program> api)
    {
        var manager = await SignUpAsync("manager");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(manager.Id, Role.Manager, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        Manager = ClientOn(api, manager.Token);
        var created = await ReadJsonAsync(await Manager.PostAsJsonAsync("/api/players", new { name = "Room", checkinCode = "room" }), HttpStatusCode.Created);
        var device = api.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, created.GetProperty("deviceKey").GetString());
        (await device.PostAsJsonAsync("/api/device/heartbeat", new { status = "online" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (created.GetProperty("id").GetGuid(), device);
    }

    private static async Task<Dictionary<string, Guid>> AddSoundsAsync(params (string Title, double[] Embedding)[] sounds)
    {
        var rows = sounds.Select(s => Arrange.Sound(s.Title, Arrange.Vector(s.Embedding))).ToList();
        await AsOwnerAsync(async db => { db.Sounds.AddRange(rows); await db.SaveChangesAsync(); });
        return rows.ToDictionary(s => s.Title, s => s.Id);
    }

    private static Task SetTasteAsync(string email, double[] taste) => AsOwnerAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        (await db.Profiles.SingleAsync(p => p.Id == userId)).ApplyLearnedTaste(Arrange.Vector(taste).Normalize(), Domain.Vectors.TasteVector.Zero, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    });

    private async Task<HttpClient> SignUpOnAsync(WebApplicationFactory<Program> api, string name) => ClientOn(api, (await SignUpAsync(name)).Token);

    private static HttpClient ClientOn(WebApplicationFactory<Program> api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<List<Guid?>> QueueAsync(Guid playerId) => AsOwnerAsync(db =>
        db.PlayerQueue.Where(q => q.PlayerId == playerId).OrderBy(q => q.Position).Select(q => q.SoundId).ToListAsync());
}
