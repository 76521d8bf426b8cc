using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;

namespace Soundscape.Application.Devices.GetDeviceQueue;

/// <summary>The calling device's queue with its version.</summary>
[FromDevice]
public sealed record GetDeviceQueueQuery : IRequest<DeviceQueueDto>;

internal sealed class GetDeviceQueueHandler(IApplicationDbContext db, CurrentDevice device) : IRequestHandler<GetDeviceQueueQuery, DeviceQueueDto>
{
    public async Task<DeviceQueueDto> Handle(GetDeviceQueueQuery request, CancellationToken cancellationToken)
    {
        var playerId = device.RequirePlayerId();
        // The version is read before the items: a plan committing in between leaves an older version on newer items,
        // which the next poll corrects, never a newer version on older items, which no poll would.
        var version = await db.Players.AsNoTracking().Where(p => p.Id == playerId).Select(p => (long?)p.QueueVersion)
                          .SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Player", playerId);
        var items = await QueueReader.ReadAsync(db, playerId, cancellationToken);
        return new DeviceQueueDto(version, items.Select(i => i.Item).ToList());
    }
}
