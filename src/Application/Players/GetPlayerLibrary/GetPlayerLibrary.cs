using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.GetPlayerLibrary;

/// <summary>The sounds a player the caller manages may play; an empty list means the whole library.</summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record GetPlayerLibraryQuery(Guid PlayerId) : IRequest<PlayerLibraryDto>;

internal sealed class GetPlayerLibraryHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser)
    : IRequestHandler<GetPlayerLibraryQuery, PlayerLibraryDto>
{
    public async Task<PlayerLibraryDto> Handle(GetPlayerLibraryQuery request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        return await PlayerReader.LibraryAsync(db, player.Id, cancellationToken);
    }
}
