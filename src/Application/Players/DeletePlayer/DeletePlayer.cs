using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.DeletePlayer;

/// <summary>Deletes a player the caller manages, with its library, queue, history and the sessions checked in there.</summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record DeletePlayerCommand(Guid PlayerId) : IRequest<Unit>;

internal sealed class DeletePlayerHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, IDeviceKeyRevocation revocation)
    : IRequestHandler<DeletePlayerCommand, Unit>
{
    public async Task<Unit> Handle(DeletePlayerCommand request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        db.Players.Remove(player);
        await db.SaveChangesAsync(cancellationToken);
        await revocation.RevokeAsync(player.Id, cancellationToken);
        return Unit.Value;
    }
}
