using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Devices.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;
using Soundscape.Domain.Vectors;

namespace Soundscape.Api.FunctionalTests.Devices;

/// <summary>The player protocol (DESIGN §5) through the real pipeline: device auth, queue with ETag and long poll, plays, heartbeat.</summary>
public sealed class DeviceApiTests : ListenerApiTest
{
    private Guid _playerId;
    private string _deviceKey = null!;
    private HttpClient _device = null!;
    private Listener _manager = null!;
    private Guid[] _sounds = null!;

    [SetUp]
    public async Task ArrangeAPlayerWithAQueueAsync()
    {
        _manager = await SignUpAsync("manager");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(_manager.Id, Role.Manager, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        var created = await ReadJsonAsync(await _manager.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created);
        _playerId = created.GetProperty("id").GetGuid();
        _deviceKey = created.GetProperty("deviceKey").GetString()!;
        _device = DeviceClient(_deviceKey);
        var sounds = new[] { Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0)), Arrange.Sound("wind", Arrange.Vector(0, 1, 0, 0, 0)), Arrange.Sound("fire", Arrange.Vector(0, 0, 1, 0, 0)) };
        _sounds = sounds.Select(s => s.Id).ToArray();
        await AsOwnerAsync(async db =>
        {
            db.Sounds.AddRange(sounds);
            for (var i = 0; i < sounds.Length; i++)
                db.PlayerQueue.Add(QueueItem.Enqueue(_playerId, PlayableRef.ForSound(sounds[i].Id), i,
                    new QueueExplanation(0.9 - i / 10.0, 0, 0.9 - i / 10.0, 1, CollectiveFallback.Room), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
    }

    [TearDown]
    public void DisposeDevice() => _device.Dispose();

    [Test]
    public async Task Queue_WithTheDeviceKey_ListsTheItemsWithAudioUrlsHashesAndAVersionETag()
    {
        var response = await _device.GetAsync("/api/device/queue");

        var queue = await ReadJsonAsync(response, HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe($"\"{queue.GetProperty("version").GetInt64()}\"");
        var items = queue.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(3);
        var first = items[0].GetProperty("sound");
        items[0].GetProperty("kind").GetString().ShouldBe("sound");
        first.GetProperty("title").GetString().ShouldBe("rain");
        first.GetProperty("audioUrl").GetString().ShouldBe($"/api/sounds/{_sounds[0]}/audio");
        first.GetProperty("contentHash").GetString()!.Length.ShouldBe(64);
    }

    [Test]
    public async Task Queue_WithTheCurrentVersion_Answers304AtOnce()
    {
        var first = await _device.GetAsync("/api/device/queue");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/device/queue");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var started = Stopwatch.StartNew();
        var response = await _device.SendAsync(again);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        response.Headers.ETag.ShouldBe(first.Headers.ETag);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "without wait, a 304 is not held");
    }

    [Test]
    public async Task LongPoll_IsAnsweredWhenTheQueueChanges_WithTheNewQueue()
    {
        var first = await _device.GetAsync("/api/device/queue");
        using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/device/queue?wait=20");
        poll.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var pending = _device.SendAsync(poll);
        await Task.Delay(300);
        pending.IsCompleted.ShouldBeFalse("nothing changed yet, so the poll is held");
        var item = (await ReadJsonAsync(first, HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("queueItemId").GetGuid();
        (await _device.PostAsJsonAsync("/api/device/plays", new { eventId = Guid.NewGuid(), queueItemId = item, @event = "started", at = DateTimeOffset.UtcNow }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        var queue = await ReadJsonAsync(response, HttpStatusCode.OK);
        queue.GetProperty("items").GetArrayLength().ShouldBe(2);
        response.Headers.ETag.ShouldNotBe(first.Headers.ETag);
    }

    [Test]
    public async Task LongPoll_WithNoChange_Answers304WhenTheWaitEnds()
    {
        var first = await _device.GetAsync("/api/device/queue");
        using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/device/queue?wait=1");
        poll.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await _device.SendAsync(poll);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task PlayStarted_MovesTheItemToHistory_SetsNowPlaying_AndEndedClosesIt()
    {
        var item = await FirstQueueItemAsync();
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-30);

        var started = await _device.PostAsJsonAsync("/api/device/plays", new { eventId = Guid.NewGuid(), queueItemId = item, @event = "started", at = startedAt });
        var now = await ReadJsonAsync(await Client.GetAsync($"/api/players/{_playerId}/now"), HttpStatusCode.OK);
        var ended = await _device.PostAsJsonAsync("/api/device/plays", new { eventId = Guid.NewGuid(), queueItemId = item, @event = "ended", at = DateTimeOffset.UtcNow });

        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        ended.StatusCode.ShouldBe(HttpStatusCode.Created);
        now.GetProperty("nowPlaying").GetProperty("title").GetString().ShouldBe("rain");
        now.GetProperty("nowPlaying").GetProperty("startedAt").GetDateTimeOffset().ShouldBe(startedAt, TimeSpan.FromMilliseconds(1));
        now.GetProperty("next")[0].GetProperty("title").GetString().ShouldBe("wind");
        var play = await AsOwnerAsync(db => db.PlayHistory.SingleAsync());
        play.SoundId.ShouldBe(_sounds[0]);
        play.QueueItemId.ShouldBe(item);
        play.EndedAt.ShouldNotBeNull();
        (await AsOwnerAsync(db => db.PlayerQueue.CountAsync())).ShouldBe(2);
        (await AsOwnerAsync(db => db.Players.SingleAsync())).CurrentSoundId.ShouldBeNull();
    }

    [Test]
    public async Task PlayEvent_SentTwice_IsRecordedOnce()
    {
        var item = await FirstQueueItemAsync();
        var report = new { eventId = Guid.NewGuid(), queueItemId = item, @event = "started", at = DateTimeOffset.UtcNow };
        (await _device.PostAsJsonAsync("/api/device/plays", report)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var again = await ShouldChangeNothingAsync(() => _device.PostAsJsonAsync("/api/device/plays", report));

        (await ReadJsonAsync(again, HttpStatusCode.OK)).GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        (await AsOwnerAsync(db => db.PlayHistory.CountAsync())).ShouldBe(1);
    }

    [TestCase("""{"eventId":"00000000-0000-0000-0000-000000000000","queueItemId":"QUEUE","event":"started","at":"NOW"}""", "eventId")]
    [TestCase("""{"eventId":"EVENT","queueItemId":"QUEUE","event":"paused","at":"NOW"}""", "event")]
    [TestCase("""{"eventId":"EVENT","queueItemId":"QUEUE","event":"started","at":"2099-01-01T00:00:00Z"}""", "at")]
    [TestCase("""{"eventId":"EVENT","queueItemId":"QUEUE","event":"started"}""", "at")]
    [TestCase("""{"eventId":"EVENT","queueItemId":"QUEUE","event":"started","at":"NOW","soundId":"EVENT","mixId":"QUEUE"}""", "mixId")]
    public async Task PlayEvent_WithBadFields_Returns400AndChangesNothing(string template, string field)
    {
        var item = await FirstQueueItemAsync();
        var json = template.Replace("EVENT", Guid.NewGuid().ToString()).Replace("QUEUE", item.ToString()).Replace("NOW", DateTimeOffset.UtcNow.ToString("O"));

        var response = await ShouldChangeNothingAsync(() => _device.PostAsync("/api/device/plays", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, field);
    }

    [Test]
    public async Task PlayEvent_ForAnotherPlayersQueueItem_Returns404AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _device.PostAsJsonAsync("/api/device/plays",
            new { eventId = Guid.NewGuid(), queueItemId = Guid.NewGuid(), @event = "started", at = DateTimeOffset.UtcNow }));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task LateStart_OfAnItemReplannedAway_IsRecordedFromWhatPlayed_AndItsEndClosesIt()
    {
        // The device played this item while the server was away; meanwhile the engine re-planned it off the queue.
        var item = await FirstQueueItemAsync();
        await AsOwnerAsync(db => db.PlayerQueue.Where(q => q.Id == item).ExecuteDeleteAsync());
        var versionBefore = (await AsOwnerAsync(db => db.Players.SingleAsync())).QueueVersion;
        var startedAt = DateTimeOffset.UtcNow.AddMinutes(-2);

        var started = await _device.PostAsJsonAsync("/api/device/plays",
            new { eventId = Guid.NewGuid(), queueItemId = item, @event = "started", at = startedAt, soundId = _sounds[0] });
        var ended = await _device.PostAsJsonAsync("/api/device/plays",
            new { eventId = Guid.NewGuid(), queueItemId = item, @event = "ended", at = startedAt.AddMinutes(1), soundId = _sounds[0] });

        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        ended.StatusCode.ShouldBe(HttpStatusCode.Created);
        var play = await AsOwnerAsync(db => db.PlayHistory.SingleAsync());
        play.SoundId.ShouldBe(_sounds[0]);
        play.QueueItemId.ShouldBe(item);
        play.StartedAt.ShouldBe(startedAt, TimeSpan.FromMilliseconds(1));
        play.EndedAt.ShouldNotBeNull();
        (await AsOwnerAsync(db => db.Players.SingleAsync())).QueueVersion.ShouldBe(versionBefore, "the queue did not change");
    }

    [Test]
    public async Task LateStart_OfAnItemReplannedAway_NamingAnUnknownSound_Returns404AndChangesNothing()
    {
        var item = await FirstQueueItemAsync();
        await AsOwnerAsync(db => db.PlayerQueue.Where(q => q.Id == item).ExecuteDeleteAsync());

        var response = await ShouldChangeNothingAsync(() => _device.PostAsJsonAsync("/api/device/plays",
            new { eventId = Guid.NewGuid(), queueItemId = item, @event = "started", at = DateTimeOffset.UtcNow, soundId = Guid.NewGuid() }));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task SecondStart_OfAnItemAlreadyPlayed_UnderAnotherEventId_Returns404AndChangesNothing()
    {
        var item = await FirstQueueItemAsync();
        (await _device.PostAsJsonAsync("/api/device/plays",
            new { eventId = Guid.NewGuid(), queueItemId = item, @event = "started", at = DateTimeOffset.UtcNow, soundId = _sounds[0] })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await ShouldChangeNothingAsync(() => _device.PostAsJsonAsync("/api/device/plays",
            new { eventId = Guid.NewGuid(), queueItemId = item, @event = "started", at = DateTimeOffset.UtcNow, soundId = _sounds[0] }));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Heartbeat_SetsStatusAndLastPoll_AndTwoSilentMinutesReadAsOffline()
    {
        var beat = await ReadJsonAsync(await _device.PostAsJsonAsync("/api/device/heartbeat", new { status = "playing" }), HttpStatusCode.OK);
        var live = await ReadJsonAsync(await Client.GetAsync($"/api/players/{_playerId}/now"), HttpStatusCode.OK);
        await AsOwnerAsync(db => db.Database.ExecuteSqlAsync($"UPDATE players SET last_poll_at = now() - interval '3 minutes'"));
        var silent = await ReadJsonAsync(await Client.GetAsync($"/api/players/{_playerId}/now"), HttpStatusCode.OK);

        beat.GetProperty("status").GetString().ShouldBe("playing");
        live.GetProperty("status").GetString().ShouldBe("playing");
        silent.GetProperty("status").GetString().ShouldBe("offline");
    }

    [Test]
    public async Task Heartbeat_WithAnUnknownStatus_Returns400AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => _device.PostAsJsonAsync("/api/device/heartbeat", new { status = "offline" }));

        await ShouldBeFieldErrorAsync(response, "status");
    }

    [Test]
    public async Task DeviceEndpoints_WithoutAKey_WithAWrongKey_OrWithAUserToken_Return401()
    {
        using var wrongKey = DeviceClient("not-the-key");

        await ShouldBeProblemAsync(await Client.GetAsync("/api/device/queue"), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await wrongKey.GetAsync("/api/device/queue"), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await _manager.Client.GetAsync("/api/device/queue"), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await wrongKey.PostAsJsonAsync("/api/device/heartbeat", new { status = "online" }), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task DeviceKey_OnAUserEndpoint_IsRefused()
    {
        await ShouldBeProblemAsync(await _device.GetAsync("/api/me"), HttpStatusCode.Unauthorized);
        await ShouldBeProblemAsync(await _device.GetAsync("/api/players"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task RotatedKey_StopsWorkingAtOnce_AndTheNewOneWorks()
    {
        (await _device.GetAsync("/api/device/queue")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var rotated = await ReadJsonAsync(await _manager.Client.PostAsync($"/api/players/{_playerId}/device-key", null), HttpStatusCode.OK);
        using var renewed = DeviceClient(rotated.GetProperty("deviceKey").GetString()!);

        // The old key was remembered by this instance's cache a moment ago; the rotation made it forget before answering.
        (await _device.GetAsync("/api/device/queue")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await renewed.GetAsync("/api/device/queue")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task QueueView_ShowsTheManagerTheEnginesReasons_AndIs404ForOtherManagers()
    {
        var other = await SignUpAsync("other");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(other.Id, Role.Manager, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });

        var view = await ReadJsonAsync(await _manager.Client.GetAsync($"/api/players/{_playerId}/queue"), HttpStatusCode.OK);

        var items = view.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("title").GetString()).ShouldBe(["rain", "wind", "fire"]);
        items[0].GetProperty("similarity").GetDouble().ShouldBe(0.9, 1e-9);
        items[0].GetProperty("fallback").GetString().ShouldBe("room");
        await ShouldBeProblemAsync(await other.Client.GetAsync($"/api/players/{_playerId}/queue"), HttpStatusCode.NotFound);
        await ShouldBeProblemAsync(await Client.GetAsync($"/api/players/{_playerId}/queue"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task NowView_OfAnUnknownPlayer_Returns404()
    {
        await ShouldBeProblemAsync(await Client.GetAsync($"/api/players/{Guid.NewGuid()}/now"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Queue_WithAWaitOutOfRange_Returns400()
    {
        await ShouldBeFieldErrorAsync(await _device.GetAsync("/api/device/queue?wait=26"), "wait");
    }

    private HttpClient DeviceClient(string key)
    {
        var client = Testing.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, key);
        return client;
    }

    private async Task<Guid> FirstQueueItemAsync() =>
        await AsOwnerAsync(db => db.PlayerQueue.OrderBy(q => q.Position).Select(q => q.Id).FirstAsync());
}
