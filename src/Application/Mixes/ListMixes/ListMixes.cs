using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Mixes.Common;

namespace Soundscape.Application.Mixes.ListMixes;

/// <summary>The caller's own mixes and everyone's public ones, newest first (anonymous callers: public ones only).</summary>
[AnyCaller]
public sealed record ListMixesQuery(int Page = 1, int PageSize = 20) : IRequest<PagedResult<MixDto>>, IPagedQuery;

internal sealed class ListMixesValidator : AbstractValidator<ListMixesQuery>
{
    public ListMixesValidator() => this.AddPagingRules();
}

internal sealed class ListMixesHandler(IApplicationDbContext db, ICurrentUser currentUser) : IRequestHandler<ListMixesQuery, PagedResult<MixDto>>
{
    public async Task<PagedResult<MixDto>> Handle(ListMixesQuery request, CancellationToken cancellationToken)
    {
        var callerId = currentUser.Id;
        var mixes = db.Mixes.AsNoTracking().Where(m => m.IsPublic || m.CreatorId == callerId);
        var total = await mixes.CountAsync(cancellationToken);
        var page = await mixes.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(request.Skip()).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<MixDto>(await MixReader.ToDtosAsync(db, page, cancellationToken), request.Page, request.PageSize, total);
    }
}
