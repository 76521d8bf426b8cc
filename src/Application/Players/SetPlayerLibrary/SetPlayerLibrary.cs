using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Players;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.SetPlayerLibrary;

/// <summary>
/// Replaces the sounds a player the caller manages may play. An empty list allows the whole library; repeated ids
/// count once; an unknown id is a 400 naming soundIds[i].
/// </summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record SetPlayerLibraryCommand(Guid PlayerId, IReadOnlyList<Guid>? SoundIds) : IRequest<PlayerLibraryDto>;

/// <summary>The body of PUT /api/players/{id}/library.</summary>
public sealed record SetPlayerLibraryBody(IReadOnlyList<Guid>? SoundIds);

internal sealed class SetPlayerLibraryValidator : AbstractValidator<SetPlayerLibraryCommand>
{
    public const int MaxSounds = 10_000;

    public SetPlayerLibraryValidator(IApplicationDbContext db)
    {
        RuleFor(c => c.SoundIds).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("soundIds is required (an empty list allows the whole library).")
            .Must(ids => ids!.Count <= MaxSounds).WithMessage($"soundIds may hold at most {MaxSounds} ids.")
            .CustomAsync(async (ids, context, cancellationToken) =>
            {
                var distinct = ids!.Distinct().ToList();
                var known = (await db.Sounds.AsNoTracking().Where(s => distinct.Contains(s.Id)).Select(s => s.Id)
                    .ToListAsync(cancellationToken)).ToHashSet();
                for (var i = 0; i < ids!.Count; i++)
                {
                    if (!known.Contains(ids[i]))
                        context.AddFailure($"{context.PropertyPath}[{i}]", $"There is no sound with id {ids[i]}.");
                }
            });
    }
}

internal sealed class SetPlayerLibraryHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<SetPlayerLibraryCommand, PlayerLibraryDto>
{
    public async Task<PlayerLibraryDto> Handle(SetPlayerLibraryCommand request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var current = await db.PlayerLibrary.Where(e => e.PlayerId == player.Id).ToListAsync(cancellationToken);
        var wanted = request.SoundIds!.Distinct().ToList();
        var wantedSet = wanted.ToHashSet();
        var kept = current.Where(e => wantedSet.Contains(e.SoundId)).Select(e => e.SoundId).ToHashSet();

        // Kept entries keep their added_at; the rest is removed or added.
        db.PlayerLibrary.RemoveRange(current.Where(e => !wantedSet.Contains(e.SoundId)));
        var now = clock.GetUtcNow();
        db.PlayerLibrary.AddRange(wanted.Where(id => !kept.Contains(id)).Select(id => PlayerLibraryEntry.Allow(player.Id, id, now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PlayerLibraryDto(player.Id, wanted, wanted.Count == 0);
    }
}
