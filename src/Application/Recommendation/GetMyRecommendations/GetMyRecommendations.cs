using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Soundscape.Application.Common.Exceptions;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Domain.Library;
using Soundscape.Domain.Vectors;

namespace Soundscape.Application.Recommendation.GetMyRecommendations;

/// <summary>The sounds nearest to the caller's taste by cosine similarity, computed by pgvector in PostgreSQL.</summary>
[SignedIn]
public sealed record GetMyRecommendationsQuery(int Limit = 10) : IRequest<MyRecommendationsDto>;

/// <param name="Basis">"taste" when ranked by the caller's taste; "newest" when the taste is still zero.</param>
/// <param name="Note">Explains a "newest" answer.</param>
public sealed record MyRecommendationsDto(string Basis, string? Note, IReadOnlyList<RecommendedSoundDto> Items);

/// <param name="Similarity">cos(taste, embedding) in [-1, 1]; null for the "newest" basis.</param>
public sealed record RecommendedSoundDto(Guid Id, string Title, string? Artist, string Type, double DurationSeconds, double? Similarity);

internal sealed class GetMyRecommendationsValidator : AbstractValidator<GetMyRecommendationsQuery>
{
    // pgvector's HNSW scan yields at most hnsw.ef_search (40 by default) rows, so a larger limit would be cut silently.
    public const int MaxLimit = 40;

    public GetMyRecommendationsValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).WithMessage($"limit must be between 1 and {MaxLimit}.");
}

internal sealed class GetMyRecommendationsHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IRequestHandler<GetMyRecommendationsQuery, MyRecommendationsDto>
{
    public const string TasteBasis = "taste";
    public const string NewestBasis = "newest";

    public async Task<MyRecommendationsDto> Handle(GetMyRecommendationsQuery request, CancellationToken cancellationToken)
    {
        var userId = currentUser.RequireId();
        var taste = await db.Profiles.AsNoTracking().Where(p => p.Id == userId).Select(p => p.PreferenceVector)
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Profile", userId);

        if (taste.IsZero)
        {
            var newest = await db.Sounds.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id)
                .Take(request.Limit).ToListAsync(cancellationToken);
            return new MyRecommendationsDto(NewestBasis,
                "You have no taste yet: these are the newest sounds. Vote on what you hear and this list follows your taste.",
                newest.Select(s => ToDto(s, null)).ToList());
        }

        var nearest = await NearestSounds.To(db.Sounds, taste, request.Limit).ToListAsync(cancellationToken);
        return new MyRecommendationsDto(TasteBasis, null, nearest.Select(n => ToDto(n.Sound, 1 - n.Distance)).ToList());
    }

    private static RecommendedSoundDto ToDto(Sound s, double? similarity) =>
        new(s.Id, s.Title, s.Artist, SoundTypes.Name(s.Type), s.DurationSeconds, similarity is { } v ? Math.Clamp(v, -1, 1) : null);
}
