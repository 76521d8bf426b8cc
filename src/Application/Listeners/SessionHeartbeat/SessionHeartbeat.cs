using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Listeners.Common;
using Soundscape.Domain.Listeners;

namespace Soundscape.Application.Listeners.SessionHeartbeat;

/// <summary>Keeps the caller's open session alive: it expires an hour after the last heartbeat.</summary>
[SignedIn]
public sealed record SessionHeartbeatCommand : IRequest<SessionDto>;

internal sealed class SessionHeartbeatHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<SessionHeartbeatCommand, SessionDto>
{
    public async Task<SessionDto> Handle(SessionHeartbeatCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var now = clock.GetUtcNow();
        var session = await OpenSessions.FindAsync(db, userId, now, cancellationToken);
        session.Touch(now);
        await db.SaveChangesAsync(cancellationToken);
        var playerName = await db.Players.Where(p => p.Id == session.PlayerId).Select(p => p.Name).SingleAsync(cancellationToken);
        return new SessionDto(session.Id, session.PlayerId!.Value, playerName, session.CheckedInAt, session.ExpiresAt);
    }
}

internal static class OpenSessions
{
    /// <summary>The caller's session that is open and not expired, tracked; otherwise 404 (check in again).</summary>
    public static async Task<ListeningSession> FindAsync(IApplicationDbContext db, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.UserId == userId && s.Status != SessionStatus.Ended, cancellationToken);
        if (session is null || !session.IsOpenAt(now) || session.PlayerId is null)
            throw new NotFoundException("Open session of user", userId);
        return session;
    }
}
