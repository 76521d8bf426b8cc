using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Api.FunctionalTests.Abuse;
using Soundscape.Domain.Identity;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests.Devices;

/// <summary>
/// Pairing a device by code (issue 17, RFC 8628 style) through the real pipeline and database, with a clock the test
/// moves: start, poll, a manager's approval, the key handed out once, and every way it is refused.
/// </summary>
[NonParallelizable]
public sealed class DevicePairingTests : ListenerApiTest
{
    private static readonly TestClock Clock = new();
    private SoundscapeApiFactory _api = null!;
    private Listener _manager = null!;
    private Guid _playerId;
    private string _oldKey = null!;

    [OneTimeSetUp]
    public void StartAnApiWithATestClock() =>
        _api = SoundscapeApiFactory.With(Testing.Database, services: s => s.AddSingleton<TimeProvider>(Clock));

    [OneTimeTearDown]
    public Task StopTheApiAsync() => _api.DisposeAsync().AsTask();

    [SetUp]
    public async Task ArrangeAManagedPlayerAsync()
    {
        Clock.Reset();
        _manager = await ManagerAsync("manager");
        var created = await ReadJsonAsync(await _manager.Client.PostAsJsonAsync("/api/players", new { name = "Lobby", checkinCode = "lobby" }), HttpStatusCode.Created);
        _playerId = created.GetProperty("id").GetGuid();
        _oldKey = created.GetProperty("deviceKey").GetString()!;
    }

    [Test]
    public async Task Pairing_ApprovedByTheManager_HandsTheDeviceANewKeyOnce_AndTheOldKeyStopsAtOnce()
    {
        var pairing = await StartAsync();
        var userCode = pairing.GetProperty("userCode").GetString()!;
        userCode.ShouldMatch("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$");
        pairing.GetProperty("deviceCode").GetString()!.Length.ShouldBe(43);
        pairing.GetProperty("expiresIn").GetInt32().ShouldBe(600);
        pairing.GetProperty("interval").GetInt32().ShouldBe(5);
        pairing.GetProperty("verificationUri").GetString().ShouldBe("http://localhost/console/pair");
        pairing.GetProperty("verificationUriComplete").GetString().ShouldBe($"http://localhost/console/pair?code={userCode}");
        var deviceCode = pairing.GetProperty("deviceCode").GetString()!;

        (await PollErrorAsync(deviceCode)).ShouldBe("authorization_pending");
        (await DeviceStatusAsync(_oldKey)).ShouldBe(HttpStatusCode.OK);

        // People type codes loosely: lower case, no hyphen.
        var approved = await ReadJsonAsync(await ApproveAsync(_manager.Client, _playerId, userCode.Replace("-", "").ToLowerInvariant()), HttpStatusCode.OK);
        approved.GetProperty("playerId").GetGuid().ShouldBe(_playerId);
        (await DeviceStatusAsync(_oldKey)).ShouldBe(HttpStatusCode.Unauthorized, "the old key stops when the code is approved");

        Clock.Advance(TimeSpan.FromSeconds(5));
        var token = await ReadJsonAsync(await PollAsync(deviceCode), HttpStatusCode.OK);
        token.GetProperty("playerId").GetGuid().ShouldBe(_playerId);
        var newKey = token.GetProperty("deviceKey").GetString()!;
        (await DeviceStatusAsync(newKey)).ShouldBe(HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromSeconds(5));
        (await PollErrorAsync(deviceCode)).ShouldBe("invalid_grant", "the key is handed out once");
        (await DeviceStatusAsync(newKey)).ShouldBe(HttpStatusCode.OK);
        var stored = await AsOwnerAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM device_pairings WHERE status = 'issued' AND player_id = {_playerId}").SingleAsync());
        stored.ShouldBe(1);
    }

    [TestCase("")]
    [TestCase("BCDF")]
    [TestCase("BCDF-GHJK-LMNP")]
    [TestCase("ABCD-EFGH")]
    [TestCase("BCDF-GHJ0")]
    public async Task Approve_WithACodeThatCannotBeOne_Is400NamingUserCode_AndChangesNothing(string userCode)
    {
        await StartAsync();

        var response = await ShouldChangeNothingAsync(() => ApproveAsync(_manager.Client, _playerId, userCode));

        await ShouldBeFieldErrorAsync(response, "userCode");
        (await DeviceStatusAsync(_oldKey)).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Approve_WithAWellFormedCodeNoDeviceShows_Is400NamingUserCode_AndChangesNothing()
    {
        var shown = (await StartAsync()).GetProperty("userCode").GetString()!;
        var other = shown == "BCDF-GHJK" ? "BCDF-GHJL" : "BCDF-GHJK";

        var response = await ShouldChangeNothingAsync(() => ApproveAsync(_manager.Client, _playerId, other));

        await ShouldBeFieldErrorAsync(response, "userCode");
        (await DeviceStatusAsync(_oldKey)).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Approve_AfterTheCodeExpired_Is400NamingUserCode_AndTheDeviceHearsExpiredToken()
    {
        var pairing = await StartAsync();
        Clock.Advance(TimeSpan.FromMinutes(10));

        var response = await ShouldChangeNothingAsync(() => ApproveAsync(_manager.Client, _playerId, pairing.GetProperty("userCode").GetString()!));

        await ShouldBeFieldErrorAsync(response, "userCode");
        (await ProblemTextAsync(response)).ShouldContain("expired");
        (await PollErrorAsync(pairing.GetProperty("deviceCode").GetString()!)).ShouldBe("expired_token");
        (await DeviceStatusAsync(_oldKey)).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Approve_AnApprovedPairingAgain_Is400NamingUserCode_EvenForAnotherPlayer()
    {
        var userCode = (await StartAsync()).GetProperty("userCode").GetString()!;
        (await ApproveAsync(_manager.Client, _playerId, userCode)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await ReadJsonAsync(await _manager.Client.PostAsJsonAsync("/api/players", new { name = "Bar", checkinCode = "bar" }), HttpStatusCode.Created);

        var again = await ShouldChangeNothingAsync(() => ApproveAsync(_manager.Client, _playerId, userCode));
        var elsewhere = await ShouldChangeNothingAsync(() => ApproveAsync(_manager.Client, second.GetProperty("id").GetGuid(), userCode));

        await ShouldBeFieldErrorAsync(again, "userCode");
        (await ProblemTextAsync(again)).ShouldContain("already used");
        await ShouldBeFieldErrorAsync(elsewhere, "userCode");
        (await DeviceStatusAsync(second.GetProperty("deviceKey").GetString()!)).ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Poll_SoonerThanTheInterval_AnswersSlowDown_AndTheIntervalGrowsByFiveSeconds()
    {
        var deviceCode = (await StartAsync()).GetProperty("deviceCode").GetString()!;
        (await PollErrorAsync(deviceCode)).ShouldBe("authorization_pending");

        Clock.Advance(TimeSpan.FromSeconds(2));
        var tooSoon = await ShouldBeProblemAsync(await PollAsync(deviceCode), HttpStatusCode.BadRequest);
        tooSoon.GetProperty("error").GetString().ShouldBe("slow_down");
        tooSoon.GetProperty("interval").GetInt32().ShouldBe(10);

        Clock.Advance(TimeSpan.FromSeconds(7));
        (await PollErrorAsync(deviceCode)).ShouldBe("slow_down", "the interval is now 10 s");
        Clock.Advance(TimeSpan.FromSeconds(16));
        (await PollErrorAsync(deviceCode)).ShouldBe("authorization_pending");
    }

    [Test]
    public async Task Poll_WithAnUnknownDeviceCode_IsInvalidGrant_AndWithoutOne_Is400NamingDeviceCode()
    {
        (await PollErrorAsync("not-a-device-code")).ShouldBe("invalid_grant");

        using var client = _api.CreateClient();
        await ShouldBeFieldErrorAsync(await client.PostAsJsonAsync("/api/device/pairings/token", new { deviceCode = "" }), "deviceCode");
        await ShouldBeFieldErrorAsync(await client.PostAsJsonAsync("/api/device/pairings/token", new { deviceCode = new string('a', 201) }), "deviceCode");
    }

    [Test]
    public async Task Poll_AfterTheApprovedPlayerWasDeleted_IsAccessDenied()
    {
        var pairing = await StartAsync();
        (await ApproveAsync(_manager.Client, _playerId, pairing.GetProperty("userCode").GetString()!)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _manager.Client.DeleteAsync($"/api/players/{_playerId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await PollErrorAsync(pairing.GetProperty("deviceCode").GetString()!)).ShouldBe("access_denied");
    }

    [Test]
    public async Task Approve_ByAListener_Is403_ByAnotherManager_Is404_AndAnonymously_Is401_AndNothingChanges()
    {
        var userCode = (await StartAsync()).GetProperty("userCode").GetString()!;
        var listener = await SignUpAsync("listener");
        var other = await ManagerAsync("other");
        using var anonymous = _api.CreateClient();

        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => ApproveAsync(listener.Client, _playerId, userCode)), HttpStatusCode.Forbidden);
        await ShouldBeProblemAsync(await ShouldChangeNothingAsync(() => ApproveAsync(other.Client, _playerId, userCode)), HttpStatusCode.NotFound);
        (await ShouldChangeNothingAsync(() => anonymous.PostAsJsonAsync($"/api/players/{_playerId}/pairing", new { userCode })))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DeviceStatusAsync(_oldKey)).ShouldBe(HttpStatusCode.OK);
        // The code is still good for the player's own manager.
        (await ApproveAsync(_manager.Client, _playerId, userCode)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Approve_ByAnAdmin_OfSomeoneElsesPlayer_Pairs()
    {
        var admin = await SignUpAsync("admin");
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(admin.Id, Role.Admin, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        var pairing = await StartAsync();

        (await ApproveAsync(admin.Client, _playerId, pairing.GetProperty("userCode").GetString()!)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromSeconds(5));
        (await PollAsync(pairing.GetProperty("deviceCode").GetString()!)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task StartAndPoll_FromOneAddress_AreLimitedLikeOtherAnonymousWrites_AndAnotherAddressStillGetsIn()
    {
        const int limit = 4;
        await using var limited = SoundscapeApiFactory.With(Testing.Database, new Dictionary<string, string>
        {
            ["RateLimiting:PerAddress:PermitLimit"] = limit.ToString(),
            ["RateLimiting:PerAddress:Burst"] = limit.ToString(),
            ["RateLimiting:PerAddress:Window"] = "00:10:00",
        }, ClientAddressFromHeader.Register);
        using var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, "203.0.113.7");

        var starts = new List<HttpResponseMessage>();
        for (var i = 0; i < limit + 2; i++)
            starts.Add(await client.PostAsync("/api/device/pairings", null));
        var poll = await client.PostAsJsonAsync("/api/device/pairings/token", new { deviceCode = "x" });

        starts.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(limit);
        starts.Skip(limit).ShouldAllBe(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        starts[^1].Headers.RetryAfter.ShouldNotBeNull();
        poll.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "polling shares the address's bucket");
        using var elsewhere = limited.CreateClient();
        elsewhere.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, "203.0.113.8");
        (await elsewhere.PostAsync("/api/device/pairings", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AsOwnerAsync(db => db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM device_pairings").SingleAsync())).ShouldBe(limit + 1);
    }

    private async Task<Listener> ManagerAsync(string name)
    {
        var manager = await SignUpAsync(name);
        await AsOwnerAsync(async db => { db.Roles.Add(RoleAssignment.Grant(manager.Id, Role.Manager, DateTimeOffset.UtcNow)); await db.SaveChangesAsync(); });
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = manager.Client.DefaultRequestHeaders.Authorization;
        return manager with { Client = client };
    }

    private async Task<JsonElement> StartAsync()
    {
        using var client = _api.CreateClient();
        return await ReadJsonAsync(await client.PostAsync("/api/device/pairings", null), HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PollAsync(string deviceCode)
    {
        using var client = _api.CreateClient();
        return await client.PostAsJsonAsync("/api/device/pairings/token", new { deviceCode });
    }

    private async Task<string> PollErrorAsync(string deviceCode)
    {
        var problem = await ShouldBeProblemAsync(await PollAsync(deviceCode), HttpStatusCode.BadRequest);
        return problem.GetProperty("error").GetString()!;
    }

    private static Task<HttpResponseMessage> ApproveAsync(HttpClient client, Guid playerId, string userCode) =>
        client.PostAsJsonAsync($"/api/players/{playerId}/pairing", new { userCode });

    private async Task<HttpStatusCode> DeviceStatusAsync(string key)
    {
        using var device = _api.CreateClient();
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Device", key);
        return (await device.GetAsync("/api/device/queue")).StatusCode;
    }

    private static async Task<string> ProblemTextAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
