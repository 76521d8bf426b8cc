using FluentValidation;
using MediatR;
using Soundscape.Application.Analytics.Common;
using Soundscape.Application.Common.Persistence;
using Soundscape.Application.Common.Security;
using Soundscape.Application.Library.Common;
using Soundscape.Application.Players.Common;
using Soundscape.Domain.Identity;

namespace Soundscape.Application.Analytics.GetRoomAnalytics;

/// <summary>A player's figures for a period (see <see cref="AnalyticsPeriod"/>): managers their own players, admins all.</summary>
[RequiresRole(Role.Admin, Role.Manager)]
public sealed record GetRoomAnalyticsQuery(Guid PlayerId, string? From, string? To) : IRequest<RoomAnalyticsDto>;

/// <param name="Sounds">The most played items first (then the most voted), at most <see cref="RoomAnalytics.MaxSoundRows"/>; <paramref name="SoundCount"/> says how many there were.</param>
/// <param name="Top">The voted-on sounds with the best approval (then the most votes): five, or the better half (rounded up) when fewer than ten were voted on.</param>
/// <param name="Bottom">The voted-on sounds with the worst approval, worst first: five, or the rest when fewer than ten; never one that is in <paramref name="Top"/>.</param>
public sealed record RoomAnalyticsDto(
    Guid PlayerId, DateTimeOffset From, DateTimeOffset To, RoomSummaryDto Summary,
    IReadOnlyList<SoundAnalyticsDto> Sounds, int SoundCount, IReadOnlyList<SoundAnalyticsDto> Top, IReadOnlyList<SoundAnalyticsDto> Bottom,
    RoomTasteHistoryDto Taste);

/// <param name="PlayedMinutes">Minutes of sound the room played (plays that started in the period, clipped at its end; a play that has not ended counts 0).</param>
/// <param name="ListeningMinutes">Listener-minutes: each play's minutes times the listeners in the room when it started.</param>
/// <param name="UniqueListeners">Distinct listeners checked in during the period or voting there.</param>
/// <param name="PeakListeners">The most listeners counted at the start of a play.</param>
/// <param name="AverageRating">Mean of the 1–5 ratings; null without ratings.</param>
public sealed record RoomSummaryDto(
    long Plays, double PlayedMinutes, double ListeningMinutes, long UniqueListeners, int PeakListeners,
    long Votes, long Ratings, double? AverageRating, long Likes, long Dislikes);

/// <param name="Title">The sound's title or the mix's name; null for someone else's private mix.</param>
/// <param name="Approval">The mean vote on −1..1 (a rating r counts (r − 3) / 2, a like 1, a dislike −1); null without votes.</param>
public sealed record SoundAnalyticsDto(
    Guid? SoundId, Guid? MixId, string? Title, long Plays, double ListeningMinutes,
    long Votes, long Ratings, double? AverageRating, long Likes, long Dislikes, double? Approval);

/// <param name="BucketSeconds">The width of each point's bucket (a round step chosen so there are at most 200).</param>
/// <param name="Points">Oldest first. The first may be before the period: the taste the room had when it began.</param>
public sealed record RoomTasteHistoryDto(int BucketSeconds, IReadOnlyList<RoomTastePointDto> Points);

/// <param name="Taste">The mean taste the room view showed in the bucket; null when it showed none (fewer than three listeners' tastes, or exploring).</param>
/// <param name="Listeners">The most listeners in the room at a plan in the bucket.</param>
/// <param name="Samples">How many recorded plans the bucket averages.</param>
public sealed record RoomTastePointDto(DateTimeOffset At, TasteDto? Taste, int Listeners, int Samples);

internal sealed class GetRoomAnalyticsValidator : AbstractValidator<GetRoomAnalyticsQuery>
{
    public GetRoomAnalyticsValidator() => this.AddPeriodRules(q => q.From, q => q.To);
}

internal sealed class GetRoomAnalyticsHandler(IApplicationDbContext db, IRoomAnalyticsStore store, CallerRoles callerRoles, ICurrentUser currentUser)
    : IRequestHandler<GetRoomAnalyticsQuery, RoomAnalyticsDto>
{
    public async Task<RoomAnalyticsDto> Handle(GetRoomAnalyticsQuery request, CancellationToken cancellationToken)
    {
        var player = await PlayerAccess.FindManagedAsync(db, callerRoles, currentUser, request.PlayerId, cancellationToken);
        return await RoomAnalytics.ReadAsync(store, player.Id, AnalyticsPeriod.Parse(request.From), AnalyticsPeriod.Parse(request.To), cancellationToken);
    }
}
