using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Application.Players.EnsureDemoPlayer;

namespace Soundscape.Application.IntegrationTests.Players;

public sealed class EnsureDemoPlayerTests : DatabaseTest
{
    [Test]
    public async Task EnsureDemoPlayer_ByAUser_IsForbidden_AndCreatesNothing()
    {
        var (user, profile) = TestData.Listener("mallory");
        await Testing.WithContextAsync(async db => { db.AddRange(user, profile); await db.SaveChangesAsync(); });

        await Should.ThrowAsync<ForbiddenAccessException>(() => Testing.SendAsync(new EnsureDemoPlayerCommand(null), asUser: user.Id));

        (await Testing.WithContextAsync(db => db.Players.CountAsync())).ShouldBe(0);
    }

    [Test]
    public async Task EnsureDemoPlayer_WithTheKeyItIssued_ReturnsTheSamePlayerAndKey()
    {
        var first = await Testing.SendAsServiceAsync(new EnsureDemoPlayerCommand(null));

        var second = await Testing.SendAsServiceAsync(new EnsureDemoPlayerCommand(first.DeviceKey));

        first.Created.ShouldBeTrue();
        first.KeyIssued.ShouldBeTrue();
        second.ShouldBe(first with { Created = false, KeyIssued = false });
    }

    [Test]
    public async Task EnsureDemoPlayer_WithAnotherKey_KeepsThePlayer_AndReplacesItsKey()
    {
        var first = await Testing.SendAsServiceAsync(new EnsureDemoPlayerCommand(null));
        var hashBefore = await Testing.WithContextAsync(db => db.Players.Select(p => p.DeviceKey!.Hash).SingleAsync());

        var second = await Testing.SendAsServiceAsync(new EnsureDemoPlayerCommand("a key from another database"));

        second.Id.ShouldBe(first.Id);
        second.Created.ShouldBeFalse();
        second.KeyIssued.ShouldBeTrue();
        second.DeviceKey.ShouldNotBe(first.DeviceKey);
        (await Testing.WithContextAsync(db => db.Players.Select(p => p.DeviceKey!.Hash).SingleAsync())).ShouldNotBe(hashBefore);
    }
}
