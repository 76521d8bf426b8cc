using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Players.GetListenerCount;

/// <summary>How many listeners are checked in at a player now (active, unexpired sessions). Public.</summary>
[AnyCaller]
public sealed record GetListenerCountQuery(Guid PlayerId) : IRequest<ListenerCountDto>;

public sealed record ListenerCountDto(Guid PlayerId, int Active);

internal sealed class GetListenerCountHandler(IApplicationDbContext db) : IRequestHandler<GetListenerCountQuery, ListenerCountDto>
{
    public async Task<ListenerCountDto> Handle(GetListenerCountQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Players.AnyAsync(p => p.Id == request.PlayerId, cancellationToken))
            throw new NotFoundException("Player", request.PlayerId);
        return new ListenerCountDto(request.PlayerId, await db.CountActiveListenersAsync(request.PlayerId, cancellationToken));
    }
}
