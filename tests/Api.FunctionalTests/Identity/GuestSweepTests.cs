using System.Net;
using System.Net.Http.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.RemoveIdleGuests;
using Soundscape.Domain.Listeners;
using Soundscape.TestSupport;

namespace Soundscape.Api.FunctionalTests.Identity;

/// <summary>
/// The idle-guest sweep (issue 12, "Staying signed in") on an API whose clock is a <see cref="TestClock"/>: a month
/// passes without waiting for it. Guests idle past Auth:Guests:IdleAfter go with their data; a younger guest and a
/// signed-up account stay.
/// </summary>
[NonParallelizable]
public sealed class GuestSweepTests : ListenerApiTest
{
    private readonly TestClock _clock = new();
    private SoundscapeApiFactory _api = null!;

    private void StartApi(string? idleAfter)
    {
        var settings = new Dictionary<string, string> { ["Auth:Guests:SweepInterval"] = "1.00:00:00" };
        if (idleAfter is not null)
            settings["Auth:Guests:IdleAfter"] = idleAfter;
        _api = SoundscapeApiFactory.With(Testing.Database, settings,
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
    }

    [TearDown]
    public async Task StopApiAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
    }

    [TestCase(null, 30)]
    [TestCase("7.00:00:00", 7)]
    public async Task Sweep_RemovesGuestsIdlePastTheLimitWithTheirData_AndKeepsYoungerGuestsAndAccounts(string? idleAfter, int idleDays)
    {
        StartApi(idleAfter);
        using var client = _api.CreateClient();
        var idle = await GuestAsync(client, "Idle guest");
        var account = await ReadJsonAsync(await client.PostAsJsonAsync("/api/auth/signup",
            new { email = "kept@example.com", password = Password, displayName = "Kept" }), HttpStatusCode.Created);
        var accountId = account.GetProperty("userId").GetGuid();
        await GiveAVoteAndASessionAsync(idle, accountId);

        _clock.Advance(TimeSpan.FromDays(2));
        var younger = await GuestAsync(client, "Younger guest");

        // The idle guest is idle for a day less than the limit: nobody goes.
        _clock.Advance(TimeSpan.FromDays(idleDays - 3));
        (await SweepAsync()).ShouldBe(0);
        (await UserIdsAsync()).ShouldBe(new[] { idle, younger, accountId }, ignoreOrder: true);

        // Two days later it is idle for a day more; the younger guest for idleDays - 1 days, the account as long.
        _clock.Advance(TimeSpan.FromDays(2));
        (await SweepAsync()).ShouldBe(1);

        (await UserIdsAsync()).ShouldBe(new[] { younger, accountId }, ignoreOrder: true);
        var left = await AsOwnerAsync(async db => new
        {
            Profile = await db.Profiles.AnyAsync(p => p.Id == idle),
            Votes = await db.Votes.CountAsync(v => v.UserId == idle),
            Sessions = await db.Sessions.CountAsync(s => s.UserId == idle),
            AccountVotes = await db.Votes.CountAsync(v => v.UserId == accountId),
        });
        left.Profile.ShouldBeFalse();
        left.Votes.ShouldBe(0);
        left.Sessions.ShouldBe(0);
        left.AccountVotes.ShouldBe(1, "the signed-up account keeps its data");
    }

    [Test]
    public async Task Sweep_ForACaller_IsRefusedAndRemovesNobody()
    {
        StartApi(null);
        using var client = _api.CreateClient();
        var guest = await GuestAsync(client, "Guest");
        _clock.Advance(TimeSpan.FromDays(31));

        await using var scope = _api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Authenticate(guest);
        await Should.ThrowAsync<Application.Common.Exceptions.ForbiddenAccessException>(
            () => scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RemoveIdleGuestsCommand()));
        (await UserIdsAsync()).ShouldBe([guest]);
    }

    private static async Task<Guid> GuestAsync(HttpClient client, string name) =>
        (await ReadJsonAsync(await client.PostAsJsonAsync("/api/auth/guest", new { displayName = name }), HttpStatusCode.Created))
        .GetProperty("userId").GetGuid();

    // Data as of the clock's now, written as the owner: a vote and a session for the guest, a vote for the account.
    private async Task GiveAVoteAndASessionAsync(Guid guest, Guid account)
    {
        var now = _clock.GetUtcNow();
        var sound = Arrange.Sound("sweep rain", Arrange.Vector(0, 1, 0, 0, 0));
        var player = Arrange.Player("Sweep room", "sweep-room");
        await AsOwnerAsync(async db =>
        {
            db.AddRange(sound, player);
            db.AddRange(Vote.Rating(guest, sound.Id, null, 5, now), Vote.Rating(account, sound.Id, null, 4, now),
                ListeningSession.CheckIn(guest, player.Id, now));
            await db.SaveChangesAsync();
        });
    }

    private async Task<int> SweepAsync()
    {
        await using var scope = _api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsService();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RemoveIdleGuestsCommand());
    }

    private static Task<List<Guid>> UserIdsAsync() => AsOwnerAsync(db => db.Users.Select(u => u.Id).ToListAsync());
}
