using FluentValidation;
using MediatR;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Devices.Common;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Devices.DeviceHeartbeat;

/// <summary>The device says it is alive and what it is doing; silence for two minutes reads as offline.</summary>
[FromDevice]
public sealed record DeviceHeartbeatCommand(string Status) : IRequest<DeviceHeartbeatResult>;

internal sealed class DeviceHeartbeatValidator : AbstractValidator<DeviceHeartbeatCommand>
{
    public DeviceHeartbeatValidator() =>
        RuleFor(c => c.Status).Must(s => s is "online" or "playing" or "idle").WithMessage("status must be \"online\", \"playing\" or \"idle\".");
}

internal sealed class DeviceHeartbeatHandler(IApplicationDbContext db, CurrentDevice device, TimeProvider clock)
    : IRequestHandler<DeviceHeartbeatCommand, DeviceHeartbeatResult>
{
    public async Task<DeviceHeartbeatResult> Handle(DeviceHeartbeatCommand request, CancellationToken cancellationToken)
    {
        var playerId = device.RequirePlayerId();
        var player = await db.Players.FindAsync([playerId], cancellationToken) ?? throw new NotFoundException("Player", playerId);
        var now = clock.GetUtcNow();
        player.Heartbeat(Enum.Parse<PlayerStatus>(request.Status, ignoreCase: true), now);
        await db.SaveChangesAsync(cancellationToken);
        return new DeviceHeartbeatResult(player.Id, request.Status, now);
    }
}
