using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Listeners;

namespace Soundscape.Application.Listeners.ListMyVotes;

/// <summary>The caller's votes, newest first.</summary>
[SignedIn]
public sealed record ListMyVotesQuery(int Page = 1, int PageSize = 20) : IRequest<PagedResult<MyVoteDto>>, IPagedQuery;

/// <param name="Rating">1–5 for a rating, otherwise null.</param>
/// <param name="Reaction">"like" or "dislike" for a reaction, otherwise null.</param>
public sealed record MyVoteDto(Guid Id, Guid SoundId, string SoundTitle, Guid? PlayerId, int? Rating, string? Reaction, DateTimeOffset CreatedAt);

internal sealed class ListMyVotesValidator : AbstractValidator<ListMyVotesQuery>
{
    public ListMyVotesValidator() => this.AddPagingRules();
}

internal sealed class ListMyVotesHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IRequestHandler<ListMyVotesQuery, PagedResult<MyVoteDto>>
{
    public async Task<PagedResult<MyVoteDto>> Handle(ListMyVotesQuery request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var mine = db.Votes.AsNoTracking().Where(v => v.UserId == userId);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await (from v in mine
                          join s in db.Sounds on v.SoundId equals s.Id
                          orderby v.CreatedAt descending, v.Id descending
                          select new { Vote = v, s.Title })
            .Skip(request.Skip()).Take(request.PageSize)
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new MyVoteDto(r.Vote.Id, r.Vote.SoundId, r.Title, r.Vote.PlayerId,
            r.Vote.Kind == VoteKind.Rating ? r.Vote.Value : null,
            r.Vote.Kind == VoteKind.Reaction ? (r.Vote.Value > 0 ? "like" : "dislike") : null,
            r.Vote.CreatedAt)).ToList();
        return new PagedResult<MyVoteDto>(items, request.Page, request.PageSize, total);
    }
}
