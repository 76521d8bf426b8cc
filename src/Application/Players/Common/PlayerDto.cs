using AutoMapper;
using AutoMapper.QueryableExtensions;
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

/// <summary>
/// Player → <see cref="PlayerDto"/> as a query projection (<c>ProjectTo</c>): one SELECT with the library size as a
/// correlated count, instead of loading the entities and counting in a second query.
/// </summary>
internal sealed class PlayerMapping : Profile
{
    public PlayerMapping()
    {
        // Replaced per query by ProjectTo's parameters (the context's PlayerLibrary set).
        IQueryable<PlayerLibraryEntry> library = null!;
        CreateMap<Player, PlayerDto>()
            // Spelled out so the database computes it: the column holds the same lower-case names (LowerCaseEnumConverter).
            .ForCtorParam(nameof(PlayerDto.Status), o => o.MapFrom(p =>
                p.Status == PlayerStatus.Online ? "online"
                : p.Status == PlayerStatus.Playing ? "playing"
                : p.Status == PlayerStatus.Idle ? "idle"
                : "offline"))
            .ForCtorParam(nameof(PlayerDto.LibrarySize), o => o.MapFrom(p => library.Count(e => e.PlayerId == p.Id)))
            .ForCtorParam(nameof(PlayerDto.DefaultVector), o => o.MapFrom(p => p.DefaultVector == null ? null : TasteDto.From(p.DefaultVector)));
    }
}

internal static class PlayerReader
{
    public static string StatusName(PlayerStatus status) => WireNames.Lower(status);

    /// <summary>The players of <paramref name="players"/> (already filtered and ordered) as DTOs, in one query.</summary>
    public static Task<List<PlayerDto>> ToDtosAsync(IApplicationDbContext db, IMapper mapper, IQueryable<Player> players, CancellationToken cancellationToken) =>
        players.AsNoTracking()
            .ProjectTo<PlayerDto>(mapper.ConfigurationProvider, new { library = db.PlayerLibrary.AsNoTracking() })
            .ToListAsync(cancellationToken);

    /// <summary>One player, read back as a DTO (after a change has been saved).</summary>
    public static async Task<PlayerDto> ToDtoAsync(IApplicationDbContext db, IMapper mapper, Guid playerId, CancellationToken cancellationToken) =>
        (await ToDtosAsync(db, mapper, db.Players.Where(p => p.Id == playerId), cancellationToken)).Single();

    public static async Task<PlayerLibraryDto> LibraryAsync(IApplicationDbContext db, Guid playerId, CancellationToken cancellationToken)
    {
        var soundIds = await db.PlayerLibrary.AsNoTracking().Where(e => e.PlayerId == playerId)
            .OrderBy(e => e.AddedAt).ThenBy(e => e.Id).Select(e => e.SoundId).ToListAsync(cancellationToken);
        return new PlayerLibraryDto(playerId, soundIds, soundIds.Count == 0);
    }
}
