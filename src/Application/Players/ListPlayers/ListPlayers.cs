using AutoMapper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Players.ListPlayers;

/// <summary>The players the caller manages, newest first: a manager's own, every player for an admin.</summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record ListPlayersQuery(int Page = 1, int PageSize = 20) : IRequest<PagedResult<PlayerDto>>, IPagedQuery;

internal sealed class ListPlayersValidator : AbstractValidator<ListPlayersQuery>
{
    public ListPlayersValidator() => this.AddPagingRules();
}

internal sealed class ListPlayersHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<ListPlayersQuery, PagedResult<PlayerDto>>
{
    public async Task<PagedResult<PlayerDto>> Handle(ListPlayersQuery request, CancellationToken cancellationToken)
    {
        var players = (await PlayerAccess.ManagedAsync(db, callerRoles, currentUser, cancellationToken)).AsNoTracking();
        var total = await players.CountAsync(cancellationToken);
        var page = players.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(request.Skip()).Take(request.PageSize);
        return new PagedResult<PlayerDto>(await PlayerReader.ToDtosAsync(db, mapper, page, cancellationToken), request.Page, request.PageSize, total);
    }
}
