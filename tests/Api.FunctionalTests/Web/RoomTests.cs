using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Soundscape.Api.FunctionalTests.Web;

public sealed class RoomTests : ListenerApiTest
{
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    [TearDown]
    public async Task StopHostsAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
        _hosts.Clear();
    }

    [Test]
    public async Task FindRoom_ByCheckinCode_ReturnsThePlayer_AndAnUnknownCodeIs404()
    {
        var player = await PlayerAsync("Lobby", "lobby-east");

        var room = await ReadJsonAsync(await Client.GetAsync("/api/rooms/lobby-east"), HttpStatusCode.OK);

        room.GetProperty("playerId").GetGuid().ShouldBe(player);
        room.GetProperty("name").GetString().ShouldBe("Lobby");
        await ShouldBeProblemAsync(await Client.GetAsync("/api/rooms/nowhere"), HttpStatusCode.NotFound);
        await ShouldBeFieldErrorAsync(await Client.GetAsync("/api/rooms/bad%20code!"), "checkinCode");
    }

    [Test]
    public async Task Now_HidesTheTasteBelowThreeListeners_AndShowsItFromThree()
    {
        var player = await PlayerAsync("Lobby", "lobby");
        await AsOwnerAsync(db => db.Database.ExecuteSqlAsync($"UPDATE players SET collective_vector = '[0.1,0.2,0.9,0.1,0.1]', collective_fallback = 'room' WHERE id = {player}"));
        var counts = new List<(int Listeners, JsonValueKind Taste)>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var listener = await SignUpAsync(name);
            (await listener.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby" })).StatusCode.ShouldBe(HttpStatusCode.Created);
            var now = await ReadJsonAsync(await Client.GetAsync($"/api/players/{player}/now"), HttpStatusCode.OK);
            counts.Add((now.GetProperty("listeners").GetInt32(), now.GetProperty("taste").ValueKind));
        }

        counts.ShouldBe([(1, JsonValueKind.Null), (2, JsonValueKind.Null), (3, JsonValueKind.Object)]);
    }

    [Test]
    public async Task Now_ForAnUnknownPlayer_Is404() =>
        await ShouldBeProblemAsync(await Client.GetAsync($"/api/players/{Guid.NewGuid()}/events"), HttpStatusCode.NotFound);

    [Test]
    public async Task Events_FirstEventCarriesTheState_AndACheckInThroughHostAReachesAStreamOnHostBAtOnce()
    {
        var player = await PlayerAsync("Lobby", "lobby");
        var hostA = StartHost();
        var hostB = StartHost();
        var listener = await SignUpAsync("ada");
        using var stream = await OpenStreamAsync(hostB, player, null);

        var first = await stream.NextEventAsync();
        using var client = hostA.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", listener.Token);
        // Both hosts started and host B listening, so the time measured is the change's way, not a start-up.
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var listening = hostB.Services.GetRequiredService<Soundscape.Infrastructure.Devices.QueueVersionCache>();
        for (var i = 0; i < 100 && !listening.Trusted; i++)
            await Task.Delay(50);
        var watch = Stopwatch.StartNew();
        (await client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var arrival = await stream.NextEventAsync();
        watch.Stop();

        first.Data.GetProperty("listeners").GetInt32().ShouldBe(0);
        arrival.Data.GetProperty("listeners").GetInt32().ShouldBe(1);
        arrival.Id.ShouldBeGreaterThan(first.Id);
        arrival.Data.GetProperty("version").GetInt64().ShouldBe(arrival.Id);
        // Pushed, not polled: well inside the ten-second bound. The one-second aim is bench/events' to measure.
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        TestContext.Out.WriteLine($"arrival event {watch.ElapsedMilliseconds} ms after the check-in");

        (await client.PostAsync("/api/sessions/check-out", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var departure = await stream.NextEventAsync();
        departure.Data.GetProperty("listeners").GetInt32().ShouldBe(0);
    }

    [Test]
    public async Task Events_WithLastEventIdOfTheCurrentVersion_SendsNothingUntilAChange_AndPingsMeanwhile()
    {
        var player = await PlayerAsync("Lobby", "lobby");
        var host = StartHost(heartbeat: "00:00:01");
        var version = await AsOwnerAsync(db => db.Players.Where(p => p.Id == player).Select(p => p.RoomVersion).SingleAsync());
        using var stream = await OpenStreamAsync(host, player, version);

        var ping = await stream.NextLineAsync();
        await AsOwnerAsync(db => db.Database.ExecuteSqlAsync($"UPDATE players SET name = 'Lobby east' WHERE id = {player}"));
        var renamed = await stream.NextEventAsync();

        ping.ShouldBe(": ping");
        renamed.Data.GetProperty("name").GetString().ShouldBe("Lobby east");
        renamed.Id.ShouldBe(version + 1);
    }

    [Test]
    public async Task Events_WithAnOlderLastEventId_SendsTheCurrentStateAtOnce_AndABadOneIs400()
    {
        var player = await PlayerAsync("Lobby", "lobby");
        await AsOwnerAsync(db => db.Database.ExecuteSqlAsync($"UPDATE players SET name = 'Renamed' WHERE id = {player}"));
        var host = StartHost();
        using var stream = await OpenStreamAsync(host, player, 0);

        var state = await stream.NextEventAsync();

        state.Data.GetProperty("name").GetString().ShouldBe("Renamed");
        state.Id.ShouldBe(1);
        using var bad = new HttpRequestMessage(HttpMethod.Get, $"/api/players/{player}/events");
        bad.Headers.Add("Last-Event-ID", "yesterday");
        await ShouldBeFieldErrorAsync(await Client.SendAsync(bad), "Last-Event-ID");
    }

    private WebApplicationFactory<Program> StartHost(string heartbeat = "00:00:15")
    {
        var host = Testing.Factory.WithWebHostBuilder(builder => builder.UseSetting("RoomEvents:HeartbeatInterval", heartbeat));
        _hosts.Add(host);
        return host;
    }

    private static async Task<EventReader> OpenStreamAsync(WebApplicationFactory<Program> host, Guid player, long? lastEventId)
    {
        var client = host.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/players/{player}/events");
        if (lastEventId is { } id)
            request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return new EventReader(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private static async Task<Guid> PlayerAsync(string name, string code)
    {
        var player = Arrange.Player(name, code);
        await AsOwnerAsync(async db => { db.Players.Add(player); await db.SaveChangesAsync(); });
        return player.Id;
    }

    private sealed record RoomEvent(long Id, JsonElement Data);

    private sealed class EventReader(HttpClient client, HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<string> NextLineAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
                if (line.Length > 0)
                    return line;
            }
        }

        public async Task<RoomEvent> NextEventAsync()
        {
            long id = -1;
            while (true)
            {
                var line = await NextLineAsync();
                if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    using var document = JsonDocument.Parse(line[6..]);
                    return new RoomEvent(id, document.RootElement.Clone());
                }
            }
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
            client.Dispose();
        }
    }
}
