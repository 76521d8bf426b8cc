using MediatR;
using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Analytics.RemoveOldTasteHistory;

/// <summary>Deletes recorded room tastes older than <see cref="RoomAnalyticsOptions.TasteRetention"/>. Service work only; returns how many rows went.</summary>
[ServiceWork]
public sealed record RemoveOldTasteHistoryCommand : IRequest<int>;

internal sealed class RemoveOldTasteHistoryHandler(IRoomAnalyticsStore store, RoomAnalyticsOptions options, TimeProvider clock)
    : IRequestHandler<RemoveOldTasteHistoryCommand, int>
{
    public async Task<int> Handle(RemoveOldTasteHistoryCommand request, CancellationToken cancellationToken)
    {
        return await store.DeleteTasteHistoryBeforeAsync(clock.GetUtcNow() - options.TasteRetention, cancellationToken);
    }
}
