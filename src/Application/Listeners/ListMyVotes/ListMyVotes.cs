using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Domain.Library;
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

/// <summary>Vote → <see cref="MyVoteDto"/> as a query projection; the sound's title is a correlated lookup.</summary>
internal sealed class MyVoteMapping : AutoMapper.Profile
{
    public MyVoteMapping()
    {
        // Replaced per query by ProjectTo's parameters (the context's Sounds set).
        IQueryable<Sound> sounds = null!;
        CreateMap<Vote, MyVoteDto>()
            .ForCtorParam(nameof(MyVoteDto.SoundTitle), o => o.MapFrom(v => sounds.Where(s => s.Id == v.SoundId).Select(s => s.Title).FirstOrDefault()))
            .ForCtorParam(nameof(MyVoteDto.Rating), o => o.MapFrom(v => v.Kind == VoteKind.Rating ? v.Value : (int?)null))
            .ForCtorParam(nameof(MyVoteDto.Reaction), o => o.MapFrom(v =>
                v.Kind == VoteKind.Reaction ? (v.Value > 0 ? "like" : "dislike") : null));
    }
}

internal sealed class ListMyVotesHandler(IApplicationDbContext db, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<ListMyVotesQuery, PagedResult<MyVoteDto>>
{
    public async Task<PagedResult<MyVoteDto>> Handle(ListMyVotesQuery request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var mine = db.Votes.AsNoTracking().Where(v => v.UserId == userId);
        var total = await mine.CountAsync(cancellationToken);
        // A vote's sound cannot be deleted without its votes (the foreign key cascades), so every title is found.
        var items = await mine.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Skip(request.Skip()).Take(request.PageSize)
            .ProjectTo<MyVoteDto>(mapper.ConfigurationProvider, new { sounds = db.Sounds.AsNoTracking() })
            .ToListAsync(cancellationToken);
        return new PagedResult<MyVoteDto>(items, request.Page, request.PageSize, total);
    }
}
