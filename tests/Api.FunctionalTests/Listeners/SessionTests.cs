using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

namespace Soundscape.Api.FunctionalTests.Listeners;

public sealed class SessionTests : ListenerApiTest
{
    private Player _lobby = null!;
    private Player _cafe = null!;

    [SetUp]
    public async Task ArrangePlayersAsync()
    {
        (_lobby, _cafe) = (Arrange.Player("Lobby", "lobby-east"), Arrange.Player("Café", "cafe_1"));
        await AsOwnerAsync(async db => { db.Players.AddRange(_lobby, _cafe); await db.SaveChangesAsync(); });
    }

    [Test]
    public async Task CheckIn_WithAKnownCode_Returns201AndCountsAsAListenerThere()
    {
        var ada = await SignUpAsync("ada");

        var session = await ReadJsonAsync(await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" }), HttpStatusCode.Created);

        session.GetProperty("playerId").GetGuid().ShouldBe(_lobby.Id);
        session.GetProperty("playerName").GetString().ShouldBe("Lobby");
        var expires = session.GetProperty("expiresAt").GetDateTimeOffset();
        var checkedIn = session.GetProperty("checkedInAt").GetDateTimeOffset();
        // PostgreSQL keeps microseconds, .NET ticks of 100 ns: the two differ below a microsecond.
        (expires - checkedIn).ShouldBe(TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(1));
        (await ListenersAsync(_lobby.Id)).ShouldBe(1);
    }

    [Test]
    public async Task CheckIn_ElsewhereWhileCheckedIn_MovesTheOneSession()
    {
        var ada = await SignUpAsync("ada");
        await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" });

        var moved = await ReadJsonAsync(await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "cafe_1" }), HttpStatusCode.Created);

        moved.GetProperty("playerId").GetGuid().ShouldBe(_cafe.Id);
        (await ListenersAsync(_lobby.Id)).ShouldBe(0);
        (await ListenersAsync(_cafe.Id)).ShouldBe(1);
        (await AsOwnerAsync(db => db.Sessions.CountAsync())).ShouldBe(1);
    }

    [Test]
    public async Task CheckIn_WithAnUnknownCode_Returns404AndChangesNothing()
    {
        var ada = await SignUpAsync("ada");

        var response = await ShouldChangeNothingAsync(() => ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "no-such-tag" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
    }

    [TestCase("""{}""")]
    [TestCase("""{"checkinCode":""}""")]
    [TestCase("""{"checkinCode":12}""")]
    public async Task CheckIn_WithAMissingOrMistypedCode_Returns400AndChangesNothing(string json)
    {
        var ada = await SignUpAsync("ada");

        var response = await ShouldChangeNothingAsync(() => ada.Client.PostAsync("/api/sessions/check-in", RawJson(json)));

        await ShouldBeFieldErrorAsync(response, "checkinCode");
    }

    [Test]
    public async Task CheckIn_WithoutAToken_Returns401AndChangesNothing()
    {
        var response = await ShouldChangeNothingAsync(() => Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" }));

        await ShouldBeProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Heartbeat_MovesTheExpiryToAnHourAfterNow()
    {
        var ada = await SignUpAsync("ada");
        await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" });
        await AgeSessionsAsync(TimeSpan.FromMinutes(50));

        var session = await ReadJsonAsync(await ada.Client.PostAsync("/api/sessions/heartbeat", null), HttpStatusCode.OK);

        session.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(59));
    }

    [Test]
    public async Task Heartbeat_AfterTheSessionExpired_Returns404AndTheListenerNoLongerCounts()
    {
        var ada = await SignUpAsync("ada");
        await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" });
        await AgeSessionsAsync(TimeSpan.FromMinutes(61));

        var response = await ShouldChangeNothingAsync(() => ada.Client.PostAsync("/api/sessions/heartbeat", null));

        await ShouldBeProblemAsync(response, HttpStatusCode.NotFound);
        (await ListenersAsync(_lobby.Id)).ShouldBe(0);
    }

    [Test]
    public async Task CheckOut_EndsTheSession_AndASecondCheckOutIs404()
    {
        var ada = await SignUpAsync("ada");
        var bob = await SignUpAsync("bob");
        await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" });
        await bob.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" });

        (await ada.Client.PostAsync("/api/sessions/check-out", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await ShouldChangeNothingAsync(() => ada.Client.PostAsync("/api/sessions/check-out", null));

        await ShouldBeProblemAsync(again, HttpStatusCode.NotFound);
        (await ListenersAsync(_lobby.Id)).ShouldBe(1);
        (await AsOwnerAsync(db => db.Sessions.SingleAsync(s => s.UserId == ada.Id))).Status.ShouldBe(SessionStatus.Ended);
    }

    [Test]
    public async Task CheckIn_AfterCheckingOut_OpensANewSession()
    {
        var ada = await SignUpAsync("ada");
        await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "lobby-east" });
        await ada.Client.PostAsync("/api/sessions/check-out", null);

        (await ada.Client.PostAsJsonAsync("/api/sessions/check-in", new { checkinCode = "cafe_1" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await AsOwnerAsync(db => db.Sessions.CountAsync())).ShouldBe(2);
        (await ListenersAsync(_cafe.Id)).ShouldBe(1);
    }

    [Test]
    public async Task Listeners_OfAnUnknownPlayer_Returns404()
    {
        await ShouldBeProblemAsync(await Client.GetAsync($"/api/players/{Guid.NewGuid()}/listeners"), HttpStatusCode.NotFound);
    }

    private async Task<int> ListenersAsync(Guid playerId) =>
        (await ReadJsonAsync(await Client.GetAsync($"/api/players/{playerId}/listeners"), HttpStatusCode.OK)).GetProperty("active").GetInt32();

    // Moves every session's last activity into the past, as if time had passed.
    private static Task AgeSessionsAsync(TimeSpan age) => AsOwnerAsync(db =>
        db.Database.ExecuteSqlAsync($"UPDATE sessions SET last_active_at = last_active_at - {age}"));
}
