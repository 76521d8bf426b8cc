using AutoMapper;
using AutoMapper.QueryableExtensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Soundscape.Application.IntegrationTests.Persistence;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Players;

namespace Soundscape.Application.IntegrationTests.Mapping;

/// <summary>
/// The PlayerDto projection (ProjectTo) run by PostgreSQL: the status names it spells out must be the column's names
/// for every status, and the library size is a correlated count.
/// </summary>
public sealed class PlayerProjectionTests : DatabaseTest
{
    [Test]
    public async Task PlayerProjection_OfEveryStatus_NamesItInLowerCaseAndCountsItsLibrary()
    {
        var (user, manager) = TestData.Listener("manager");
        var sound = TestData.Sound("rain", null);
        var players = Enum.GetValues<PlayerStatus>()
            .Select(status =>
            {
                var player = Player.Create($"Player {status}", $"code-{status}".ToLowerInvariant(), $"hash-{status}", manager.Id, TestData.Now);
                player.Heartbeat(status, TestData.Now);
                return player;
            })
            .ToList();
        await Testing.WithContextAsync(async db =>
        {
            db.AddRange(user, manager, sound);
            db.AddRange(players);
            await db.SaveChangesAsync();
            db.Add(PlayerLibraryEntry.Allow(players[0].Id, sound.Id, TestData.Now));
            await db.SaveChangesAsync();
        });

        var mapper = Testing.Services.GetRequiredService<IMapper>();
        var dtos = await Testing.WithContextAsync(db => db.Players.AsNoTracking()
            .ProjectTo<PlayerDto>(mapper.ConfigurationProvider, new { library = db.PlayerLibrary.AsNoTracking() })
            .ToDictionaryAsync(p => p.Id));

        foreach (var player in players)
        {
            dtos[player.Id].Status.ShouldBe(player.Status.ToString().ToLowerInvariant());
            dtos[player.Id].LibrarySize.ShouldBe(player == players[0] ? 1 : 0);
        }
    }
}
