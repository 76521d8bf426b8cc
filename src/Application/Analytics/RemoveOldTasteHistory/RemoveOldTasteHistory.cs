using MediatR;
using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Analytics.RemoveOldTasteHistory;

/// <summary>Deletes recorded room tastes older than <see cref="RoomAnalyticsOptions.TasteRetention"/>. Service work only; returns how many rows went.</summary>
public sealed record RemoveOldTasteHistoryCommand : IRequest<int>;

internal sealed class RemoveOldTasteHistoryHandler(IRoomAnalyticsStore store, ICurrentUser currentUser, RoomAnalyticsOptions options, TimeProvider clock)
    : IRequestHandler<RemoveOldTasteHistoryCommand, int>
{
    public async Task<int> Handle(RemoveOldTasteHistoryCommand request, CancellationToken cancellationToken)
    {
        if (!currentUser.IsService)
            throw new ForbiddenAccessException("Removing old taste history is service work.");
        return await store.DeleteTasteHistoryBeforeAsync(clock.GetUtcNow() - options.TasteRetention, cancellationToken);
    }
}
