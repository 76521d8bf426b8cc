using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Listeners.Common;
using Soundscape.Application.Recommendation.Common;
using Soundscape.Domain.Listeners;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Listeners.CheckIn;

/// <summary>
/// Checks the caller in at the player whose NFC tag carries <paramref name="CheckinCode"/>. A user has one open
/// session: checking in elsewhere moves it there.
/// </summary>
[SignedIn]
public sealed record CheckInCommand(string CheckinCode) : IRequest<SessionDto>;

internal sealed class CheckInValidator : AbstractValidator<CheckInCommand>
{
    public CheckInValidator() =>
        RuleFor(c => c.CheckinCode).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("checkinCode is required.")
            .MaximumLength(Player.MaxCheckinCodeLength).WithMessage($"checkinCode must be at most {Player.MaxCheckinCodeLength} characters.");
}

internal sealed class CheckInHandler(IApplicationDbContext db, ICurrentUser currentUser, IRoomChanges rooms, TimeProvider clock)
    : IRequestHandler<CheckInCommand, SessionDto>
{
    public async Task<SessionDto> Handle(CheckInCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var code = request.CheckinCode.Trim();
        var player = await db.Players.AsNoTracking().Where(p => p.CheckinCode == code)
                         .Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("Player with check-in code", code);

        var now = clock.GetUtcNow();
        // At most one row is not ended (a partial unique index says so); an expired one is reused, not left behind.
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.UserId == userId && s.Status != SessionStatus.Ended, cancellationToken);
        var leftRoom = session is { Status: SessionStatus.Active } && session.PlayerId != player.Id ? session.PlayerId : null;
        if (session is null)
        {
            session = ListeningSession.CheckIn(userId, player.Id, now);
            db.Sessions.Add(session);
        }
        else
        {
            session.MoveTo(player.Id, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        rooms.Changed(player.Id);
        if (leftRoom is { } previous)
            rooms.Changed(previous);
        return new SessionDto(session.Id, player.Id, player.Name, session.CheckedInAt, session.ExpiresAt);
    }
}
