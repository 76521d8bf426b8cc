using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;
using Soundscape.Application.Common.Naming;

namespace Soundscape.Application.Players.GetPlayerQueue;

/// <summary>A managed player's queue with the engine's reasons for each item (managers of the player, admins).</summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record GetPlayerQueueQuery(Guid PlayerId) : IRequest<PlayerQueueDto>;

public sealed record PlayerQueueDto(Guid PlayerId, long Version, DateTimeOffset? PlannedAt, IReadOnlyList<ExplainedQueueItemDto> Items);

/// <param name="Fallback">Where the room's taste came from: room, all_active_listeners, player_default or explore.</param>
public sealed record ExplainedQueueItemDto(
    Guid QueueItemId, int Position, string Kind, Guid? SoundId, Guid? MixId, string Title,
    double Similarity, double Penalty, double Score, int Listeners, string Fallback);

internal sealed class GetPlayerQueueHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser)
    : IRequestHandler<GetPlayerQueueQuery, PlayerQueueDto>
{
    public async Task<PlayerQueueDto> Handle(GetPlayerQueueQuery request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        var items = await QueueReader.ReadAsync(db, player.Id, cancellationToken);
        return new PlayerQueueDto(player.Id, player.QueueVersion, player.PlannedAt, items.Select(i => new ExplainedQueueItemDto(
            i.Row.Id, i.Row.Position, i.Item.Kind, i.Row.SoundId, i.Row.MixId, i.Item.Sound?.Title ?? i.Item.Mix?.Name ?? "",
            i.Row.Explanation?.Similarity ?? 0, i.Row.Explanation?.Penalty ?? 0, i.Row.Explanation?.Score ?? 0,
            i.Row.Explanation?.Listeners ?? 0, FallbackNames.Name(i.Row.Explanation?.Fallback))).ToList());
    }
}

internal static class FallbackNames
{
    public static string Name(Domain.Recommendation.CollectiveFallback? fallback) => fallback is { } f ? WireNames.Snake(f) : "none";
}
