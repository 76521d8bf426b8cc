using AutoMapper;
using AutoMapper.QueryableExtensions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;
using Soundscape.Domain.Library;
using Soundscape.Domain.Players;

namespace Soundscape.Application.Players.GetPlayHistory;

/// <summary>
/// What a player the caller manages has played, newest first; with <paramref name="From"/> and/or
/// <paramref name="To"/>, only plays that started in [From, To) (a day in the manager's own time zone is two instants).
/// </summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record GetPlayHistoryQuery(Guid PlayerId, int Page = 1, int PageSize = 20, DateTimeOffset? From = null, DateTimeOffset? To = null)
    : IRequest<PagedResult<PlayHistoryItemDto>>, IPagedQuery;

/// <param name="Title">The sound's title or the mix's name; null for a mix the caller may not see (someone else's private mix).</param>
public sealed record PlayHistoryItemDto(
    Guid Id, Guid? SoundId, Guid? MixId, string? Title, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Listeners);

internal sealed class GetPlayHistoryValidator : AbstractValidator<GetPlayHistoryQuery>
{
    public GetPlayHistoryValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("to must be after from.");
    }
}

/// <summary>
/// History entry → <see cref="PlayHistoryItemDto"/> as a query projection; the title is a correlated lookup of the sound
/// or the mix, under the caller's row-level security (someone else's private mix gives null).
/// </summary>
internal sealed class PlayHistoryMapping : Profile
{
    public PlayHistoryMapping()
    {
        // Replaced per query by ProjectTo's parameters (the context's Sounds and Mixes sets).
        IQueryable<Sound> sounds = null!;
        IQueryable<Mix> mixes = null!;
        CreateMap<PlayHistoryEntry, PlayHistoryItemDto>()
            .ForCtorParam(nameof(PlayHistoryItemDto.Title), o => o.MapFrom(h => h.SoundId != null
                ? sounds.Where(s => s.Id == h.SoundId).Select(s => s.Title).FirstOrDefault()
                : mixes.Where(m => m.Id == h.MixId).Select(m => m.Name).FirstOrDefault()));
    }
}

internal sealed class GetPlayHistoryHandler(IApplicationDbContext db, CallerRoles callerRoles, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<GetPlayHistoryQuery, PagedResult<PlayHistoryItemDto>>
{
    public async Task<PagedResult<PlayHistoryItemDto>> Handle(GetPlayHistoryQuery request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        var history = db.PlayHistory.AsNoTracking().Where(h => h.PlayerId == player.Id);
        if (request.From is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            history = history.Where(h => h.StartedAt >= fromUtc);
        }
        if (request.To is { } to)
        {
            var toUtc = to.ToUniversalTime();
            history = history.Where(h => h.StartedAt < toUtc);
        }
        var total = await history.CountAsync(cancellationToken);
        var items = await history.OrderByDescending(h => h.StartedAt).ThenByDescending(h => h.Id)
            .Skip(request.Skip()).Take(request.PageSize)
            .ProjectTo<PlayHistoryItemDto>(mapper.ConfigurationProvider, new { sounds = db.Sounds.AsNoTracking(), mixes = db.Mixes.AsNoTracking() })
            .ToListAsync(cancellationToken);
        return new PagedResult<PlayHistoryItemDto>(items, request.Page, request.PageSize, total);
    }
}
