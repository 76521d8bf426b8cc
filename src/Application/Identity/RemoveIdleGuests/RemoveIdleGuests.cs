using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Identity.Common;

namespace Soundscape.Application.Identity.RemoveIdleGuests;

/// <summary>
/// Removes guests idle for GuestAccountOptions.IdleAfter with their data (profile, votes, sessions, mixes and refresh
/// tokens go with the account: the foreign keys cascade). Idle means no sign-in or refresh, no vote and no session
/// activity since then. Service work only. Returns how many guests were removed.
/// </summary>
[ServiceWork]
public sealed record RemoveIdleGuestsCommand : IRequest<int>;

internal sealed class RemoveIdleGuestsHandler(IApplicationDbContext db, GuestAccountOptions options, TimeProvider clock)
    : IRequestHandler<RemoveIdleGuestsCommand, int>
{
    public async Task<int> Handle(RemoveIdleGuestsCommand request, CancellationToken cancellationToken)
    {
        var idleSince = clock.GetUtcNow() - options.IdleAfter;
        return await db.Users
            .Where(u => u.IsAnonymous && (u.LastSignInAt ?? u.CreatedAt) < idleSince
                        && !db.Sessions.Any(s => s.UserId == u.Id && s.LastActiveAt >= idleSince)
                        && !db.Votes.Any(v => v.UserId == u.Id && v.CreatedAt >= idleSince))
            .ExecuteDeleteAsync(cancellationToken);
    }
}
