using AutoMapper;
using MediatR;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.GetPlayer;

/// <summary>One player the caller manages (404 for someone else's).</summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record GetPlayerQuery(Guid PlayerId) : IRequest<PlayerDto>;

internal sealed class GetPlayerHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<GetPlayerQuery, PlayerDto>
{
    public async Task<PlayerDto> Handle(GetPlayerQuery request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        return await PlayerReader.ToDtoAsync(db, mapper, player.Id, cancellationToken);
    }
}
