using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Devices.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Players;
using Soundscape.Domain.Recommendation;

namespace Soundscape.Api.FunctionalTests.Hardening;

/// <summary>Paging far past the end, and ISO 8601 times with any offset.</summary>
public sealed class NumbersAndTimesTests : ListenerApiTest
{
    private Listener _manager = null!;
    private Guid _playerId;
    private string _deviceKey = null!;

    [SetUp]
    public async Task ArrangeAManagerWithAPlayerAsync()
    {
        _manager = await SignUpAsync("manager");
        await AsOwnerAsync(async db =>
        {
            db.Roles.Add(RoleAssignment.Grant(_manager.Id, Role.Manager, DateTimeOffset.UtcNow));
            db.Sounds.Add(Arrange.Sound("rain", Arrange.Vector(1, 0, 0, 0, 0)));
            await db.SaveChangesAsync();
        });
        var player = await ReadJsonAsync(await _manager.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created);
        _playerId = player.GetProperty("id").GetGuid();
        _deviceKey = player.GetProperty("deviceKey").GetString()!;
    }

    [TestCase("/api/sounds", 1)]
    [TestCase("/api/mixes", 0)]
    [TestCase("/api/players", 1)]
    [TestCase("/api/me/votes", 0)]
    [TestCase("/api/players/{player}/history", 0)]
    public async Task List_OnTheLastIntPage_AnswersAnEmptyPageWithTheTrueTotal(string path, int total)
    {
        foreach (var (page, pageSize) in new[] { (int.MaxValue, 100), (int.MaxValue, 1), (21474837, 100), (int.MaxValue / 2, 3) })
        {
            var response = await _manager.Client.GetAsync($"{path.Replace("{player}", _playerId.ToString())}?page={page}&pageSize={pageSize}");

            var body = await ReadJsonAsync(response, HttpStatusCode.OK);
            body.GetProperty("items").GetArrayLength().ShouldBe(0);
            body.GetProperty("page").GetInt32().ShouldBe(page);
            body.GetProperty("pageSize").GetInt32().ShouldBe(pageSize);
            body.GetProperty("total").GetInt32().ShouldBe(total);
        }
    }

    [TestCase("2026-11-03T13:00:00+01:00", "2026-11-03T12:00:00Z")]
    [TestCase("2026-11-03T06:30:00-05:30", "2026-11-03T12:00:00Z")]
    [TestCase("2026-11-04T02:00:00.250+14:00", "2026-11-03T12:00:00.250Z")]
    [TestCase("2026-11-03T12:00:00Z", "2026-11-03T12:00:00Z")]
    [TestCase("2026-11-03T12:00:00+00:00", "2026-11-03T12:00:00Z")]
    public async Task PlayReport_WithAnyOffset_IsStoredAsTheSameInstantInUtc(string at, string expectedUtc)
    {
        var (device, item) = await ArrangeADeviceWithAQueuedSoundAsync();

        var response = await device.PostAsync("/api/device/plays",
            RawJson($$"""{"eventId":"{{Guid.NewGuid()}}","queueItemId":"{{item}}","event":"started","at":"{{at}}"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var play = await AsOwnerAsync(db => db.PlayHistory.SingleAsync());
        play.StartedAt.ShouldBe(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture));
        play.StartedAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [TestCase("yesterday")]
    [TestCase("2026-13-03T12:00:00Z")]
    [TestCase("2026-11-03T12:00:00+25:00")]
    public async Task PlayReport_WithATimeThatIsNotIso8601_Returns400NamingAt(string at)
    {
        var (device, item) = await ArrangeADeviceWithAQueuedSoundAsync();

        var response = await ShouldChangeNothingAsync(() => device.PostAsync("/api/device/plays",
            RawJson($$"""{"eventId":"{{Guid.NewGuid()}}","queueItemId":"{{item}}","event":"started","at":"{{at}}"}""")));

        await ShouldBeFieldErrorAsync(response, "at");
    }

    private async Task<(HttpClient Device, Guid Item)> ArrangeADeviceWithAQueuedSoundAsync()
    {
        var device = Testing.Factory.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(DeviceProtocol.Scheme, _deviceKey);
        var item = await AsOwnerAsync(async db =>
        {
            var sound = await db.Sounds.SingleAsync();
            var queued = QueueItem.Enqueue(_playerId, PlayableRef.ForSound(sound.Id), 0, new QueueExplanation(0.9, 0, 0.9, 1, CollectiveFallback.Room), DateTimeOffset.UtcNow);
            db.PlayerQueue.Add(queued);
            await db.SaveChangesAsync();
            return queued.Id;
        });
        return (device, item);
    }
}
