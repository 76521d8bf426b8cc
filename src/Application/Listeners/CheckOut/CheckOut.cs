using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Listeners.SessionHeartbeat;
using Soundscape.Application.Recommendation.Common;

namespace Soundscape.Application.Listeners.CheckOut;

/// <summary>Ends the caller's open session: they no longer count towards the room's taste.</summary>
[SignedIn]
public sealed record CheckOutCommand : IRequest<Unit>;

internal sealed class CheckOutHandler(IApplicationDbContext db, ICurrentUser currentUser, IRoomChanges rooms, TimeProvider clock)
    : IRequestHandler<CheckOutCommand, Unit>
{
    public async Task<Unit> Handle(CheckOutCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var now = clock.GetUtcNow();
        var session = await OpenSessions.FindAsync(db, userId, now, cancellationToken);
        session.End(now);
        await db.SaveChangesAsync(cancellationToken);
        rooms.Changed(session.PlayerId!.Value);
        return Unit.Value;
    }
}
