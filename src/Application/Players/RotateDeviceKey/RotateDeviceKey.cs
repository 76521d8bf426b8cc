using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.RotateDeviceKey;

/// <summary>Replaces a player's device key; the new key is returned this once and the old one stops working.</summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record RotateDeviceKeyCommand(Guid PlayerId) : IRequest<PlayerDeviceKeyDto>;

internal sealed class RotateDeviceKeyHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, IDeviceKeys deviceKeys, IDeviceKeyRevocation revocation)
    : IRequestHandler<RotateDeviceKeyCommand, PlayerDeviceKeyDto>
{
    public async Task<PlayerDeviceKeyDto> Handle(RotateDeviceKeyCommand request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        var (key, hash) = deviceKeys.Generate();
        player.RotateDeviceKey(hash);
        await db.SaveChangesAsync(cancellationToken);
        // Every instance forgets the old key before this answers, not when its cache entry ages out.
        await revocation.RevokeAsync(player.Id, cancellationToken);
        return new PlayerDeviceKeyDto(player.Id, key);
    }
}
