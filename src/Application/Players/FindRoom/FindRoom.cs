using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Domain.Players;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Players.FindRoom;

/// <summary>The room behind a tag's check-in code (the web app's /p/{code}). Public; 404 for an unknown code.</summary>
[AnyCaller]
public sealed record FindRoomQuery(string CheckinCode) : IRequest<RoomDto>;

public sealed record RoomDto(Guid PlayerId, string Name);

internal sealed class FindRoomValidator : AbstractValidator<FindRoomQuery>
{
    public FindRoomValidator()
    {
        RuleFor(q => q.CheckinCode).Cascade(CascadeMode.Stop)
            .MaximumLength(Player.MaxCheckinCodeLength).WithMessage($"checkinCode must be at most {Player.MaxCheckinCodeLength} characters.")
            .Must(c => c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'))
            .WithMessage("checkinCode may hold only letters, digits, '-' and '_'.");
    }
}

internal sealed class FindRoomHandler(IApplicationDbContext db) : IRequestHandler<FindRoomQuery, RoomDto>
{
    public async Task<RoomDto> Handle(FindRoomQuery request, CancellationToken cancellationToken) =>
        await db.Players.AsNoTracking().Where(p => p.CheckinCode == request.CheckinCode)
            .Select(p => new RoomDto(p.Id, p.Name)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Room with check-in code", request.CheckinCode);
}
