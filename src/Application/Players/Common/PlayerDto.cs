using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Players;
using Soundscape.Application.Common.Naming;

namespace Soundscape.Application.Players.Common;

/// <summary>
/// A player as its manager sees it; never the device key's hash. <paramref name="LibrarySize"/> is the number of
/// sounds it may play, 0 meaning the whole library.
/// </summary>
public sealed record PlayerDto(
    Guid Id, string Name, string CheckinCode, string Status, Guid? ManagerId, DateTimeOffset? LastPollAt,
    Guid? CurrentSoundId, Guid? CurrentMixId, int LibrarySize, TasteDto? DefaultVector, DateTimeOffset CreatedAt);

/// <summary>A player's device key, shown only when it is made.</summary>
public sealed record PlayerDeviceKeyDto(Guid PlayerId, string DeviceKey);

/// <summary>The sounds a player may play; <paramref name="WholeLibrary"/> when the list is empty.</summary>
public sealed record PlayerLibraryDto(Guid PlayerId, IReadOnlyList<Guid> SoundIds, bool WholeLibrary);

internal static class PlayerReader
{
    public static string StatusName(PlayerStatus status) => WireNames.Lower(status);

    public static async Task<List<PlayerDto>> ToDtosAsync(IApplicationDbContext db, IReadOnlyList<Player> players, CancellationToken cancellationToken)
    {
        var ids = players.Select(p => p.Id).ToList();
        var sizes = await db.PlayerLibrary.AsNoTracking().Where(e => ids.Contains(e.PlayerId))
            .GroupBy(e => e.PlayerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return players.Select(p => new PlayerDto(p.Id, p.Name, p.CheckinCode, StatusName(p.Status), p.ManagerId, p.LastPollAt,
            p.CurrentSoundId, p.CurrentMixId, sizes.GetValueOrDefault(p.Id), p.DefaultVector is null ? null : TasteDto.From(p.DefaultVector),
            p.CreatedAt)).ToList();
    }

    public static async Task<PlayerDto> ToDtoAsync(IApplicationDbContext db, Player player, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db, [player], cancellationToken))[0];

    public static async Task<PlayerLibraryDto> LibraryAsync(IApplicationDbContext db, Guid playerId, CancellationToken cancellationToken)
    {
        var soundIds = await db.PlayerLibrary.AsNoTracking().Where(e => e.PlayerId == playerId)
            .OrderBy(e => e.AddedAt).ThenBy(e => e.Id).Select(e => e.SoundId).ToListAsync(cancellationToken);
        return new PlayerLibraryDto(playerId, soundIds, soundIds.Count == 0);
    }
}
