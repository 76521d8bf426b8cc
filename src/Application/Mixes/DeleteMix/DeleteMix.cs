using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Mixes.Common;

namespace Soundscape.Application.Mixes.DeleteMix;

/// <summary>
/// Deletes the caller's mix (its queue and history rows go with it; players playing it stop pointing at it).
/// Creator only, admins included: someone else's private mix is 404, someone else's public mix 403.
/// </summary>
[SignedIn]
public sealed record DeleteMixCommand(Guid MixId) : IRequest<Unit>;

internal sealed class DeleteMixHandler(IApplicationDbContext db, ICurrentUser currentUser) : IRequestHandler<DeleteMixCommand, Unit>
{
    public async Task<Unit> Handle(DeleteMixCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var mix = await MixAccess.FindOwnForChangeAsync(db, request.MixId, userId, cancellationToken);
        db.Mixes.Remove(mix);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
