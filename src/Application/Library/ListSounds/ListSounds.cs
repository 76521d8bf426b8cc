using AutoMapper;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Paging;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Common.Security;

namespace Soundscape.Application.Library.ListSounds;

/// <summary>The library, newest first: optionally only one type, optionally matching a search in title or artist.</summary>
[AnyCaller]
public sealed record ListSoundsQuery(int Page = 1, int PageSize = 20, string? Type = null, string? Search = null)
    : IRequest<PagedResult<SoundDto>>, IPagedQuery;

internal sealed class ListSoundsValidator : AbstractValidator<ListSoundsQuery>
{
    public const int MaxSearchLength = 100;

    public ListSoundsValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.Type).Must(t => SoundTypes.TryParse(t, out _)).When(q => q.Type is not null)
            .WithMessage("type must be \"soundscape\" or \"instrumental\".");
        RuleFor(q => q.Search).MaximumLength(MaxSearchLength).WithMessage($"search must be at most {MaxSearchLength} characters.");
    }
}

internal sealed class ListSoundsHandler(IApplicationDbContext db, IMapper mapper) : IRequestHandler<ListSoundsQuery, PagedResult<SoundDto>>
{
    public async Task<PagedResult<SoundDto>> Handle(ListSoundsQuery request, CancellationToken cancellationToken)
    {
        var sounds = db.Sounds.AsNoTracking();
        if (SoundTypes.TryParse(request.Type, out var type))
            sounds = sounds.Where(s => s.Type == type);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim().ToLower();
            sounds = sounds.Where(s => s.Title.ToLower().Contains(term) || (s.Artist != null && s.Artist.ToLower().Contains(term)));
        }

        var total = await sounds.CountAsync(cancellationToken);
        var page = await sounds.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
            .Skip(request.Skip()).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<SoundDto>(mapper.Map<List<SoundDto>>(page), request.Page, request.PageSize, total);
    }
}
